"""Signs in to a running Gaoxin server in headless Chromium as each role and checks what a person
would: the sign-in form works, the navigation shows what the role may use (and nothing else), a
2-character Chinese search finds the unit, a form error appears next to its field, sign-out works.
Screenshots at 1366x768 and at phone width go to $UI_SHOTS (default /tmp/gaoxin-ui).

usage: python3 scripts/ui_check.py BASE_URL PASSWORD   (every role's demo user has PASSWORD)
"""
import base64
import os
import re
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import WebDriverWait

BASE, PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2]
SHOTS = os.environ.get("UI_SHOTS", "/tmp/gaoxin-ui")
os.makedirs(SHOTS, exist_ok=True)

# Navigation each role must see (SPEC §5); anything else in the menu is a failure.
# 产业集群 and 企业: everyone who works with programme data reads the register; 导入导出: whoever writes an
# importable register (the unit role — demo user "team" — writes its own enterprises).
# 招商, 项目 and 预警: the attraction registers are read by everyone who works with programme data;
# so are 关账 (which months are closed; the office closes them) 通报 (leaders read bulletins; the office draws them), 考核,
# 指标 (the zone's indicator system) and 大屏 (the wall display).
# 园区 and 场景 (parks, spaces, matching, scenarios) are read by the same people; park users write their own
# parks' spaces, so they import too.
PROGRAMME = {"招商", "项目", "预警", "园区", "场景", "关账", "通报", "考核", "指标", "大屏"}
EXPECTED_NAV = {
    "admin": {"工作台", "组织单位", "产业集群", "登记册", "用户", "企业", "产业推荐", "导入导出", "我的账号"} | PROGRAMME,
    "office": {"工作台", "组织单位", "产业集群", "登记册", "用户", "企业", "产业推荐", "导入导出", "我的账号"} | PROGRAMME,
    "team": {"工作台", "组织单位", "产业集群", "登记册", "企业", "产业推荐", "导入导出", "我的账号"} | PROGRAMME,
    "park": {"工作台", "组织单位", "产业集群", "登记册", "企业", "产业推荐", "导入导出", "我的账号"} | PROGRAMME,
    "leader": {"工作台", "组织单位", "产业集群", "登记册", "企业", "产业推荐", "我的账号"} | PROGRAMME,
    "auditor": {"工作台", "组织单位", "用户", "审计日志", "我的账号"},
}


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def sign_in(driver, username, password):
    driver.get(BASE + "/sign-in")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/sign-in" not in d.current_url or "用户名或密码错误" in d.page_source or "锁定" in d.page_source)


failures = []
driver = browser()
try:
    sign_in(driver, "admin", "wrong-password-123")
    check("用户名或密码错误" in driver.page_source, "a wrong password must say 用户名或密码错误")
    for username, expected in EXPECTED_NAV.items():
        driver.delete_all_cookies()
        sign_in(driver, username, PASSWORD)
        nav = {a.text.strip() for a in driver.find_elements(By.CSS_SELECTOR, "nav.menu a")}
        if nav != expected:
            failures.append(f"{username}: navigation {sorted(nav)} != {sorted(expected)}")
        driver.save_screenshot(f"{SHOTS}/{username}-dashboard.png")
        # Each role's dashboard on a phone: nothing wider than the screen.
        driver.set_window_size(390, 844)
        driver.get(BASE + "/")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 400, f"{username}: the dashboard overflows a phone screen ({width}px wide)")
        driver.save_screenshot(f"{SHOTS}/{username}-dashboard-phone.png")
        driver.set_window_size(1366, 768)
        driver.get(BASE + "/units?q=新吴")
        check("共 1 条" in driver.page_source, f"{username}: a 2-character search for 新吴 should find 1 unit")
        driver.save_screenshot(f"{SHOTS}/{username}-units.png")
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        try:
            WebDriverWait(driver, 10).until(lambda d: "/sign-in" in d.current_url)
        except Exception:
            failures.append(f"{username}: sign-out should return to the sign-in page (at {driver.current_url})")
    # A form error sits next to its field.
    driver.delete_all_cookies()
    sign_in(driver, "office", PASSWORD)
    driver.get(BASE + "/units/new")
    driver.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".form-errors"))
    errors = driver.find_elements(By.CSS_SELECTOR, ".field.invalid .field-error")
    check(any("请填写单位名称" in e.text for e in errors), "the missing name must be reported next to the field")
    driver.save_screenshot(f"{SHOTS}/office-form-errors.png")
    # The enterprise register: a 2-character search, and the money shown in 亿元 on a page.
    driver.get(BASE + "/enterprises?q=江阴")
    check("共 0 条" not in driver.page_source and "江阴" in driver.page_source, "a search for 江阴 should find the demo enterprises")
    driver.find_element(By.CSS_SELECTOR, ".list table tbody a").click()
    WebDriverWait(driver, 10).until(lambda d: "月度指标" in d.page_source)
    check("2025-12" in driver.page_source, "the enterprise page lists its monthly figures")
    driver.save_screenshot(f"{SHOTS}/office-enterprise.png")
    # The chain map shows derived strengths with the rule beside them.
    driver.get(BASE + "/clusters")
    driver.find_element(By.LINK_TEXT, "集成电路").click()
    driver.find_element(By.LINK_TEXT, "集成电路产业链").click()
    WebDriverWait(driver, 10).until(lambda d: "强弱判定" in d.page_source)
    badges = {b.text.strip() for b in driver.find_elements(By.CSS_SELECTOR, ".strength")}
    check({"缺失", "较强"} <= badges, f"the demo chain map should show missing and strong nodes, got {sorted(badges)}")
    driver.save_screenshot(f"{SHOTS}/office-chain-map.png")
    # The drawn attraction map prints on one landscape A4 sheet, whatever the chain's length.
    chain_page = driver.current_url
    driver.find_element(By.LINK_TEXT, "招商图谱（可打印）").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".landscape-sheet svg.chain-svg"))
    driver.save_screenshot(f"{SHOTS}/office-chain-drawing.png")
    # Printed as a browser prints it: the page's own CSS decides the paper (@page landscape-sheet).
    drawing_pdf = f"{SHOTS}/office-chain-drawing-a4.pdf"
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    with open(drawing_pdf, "wb") as pdf:
        pdf.write(base64.b64decode(printed["data"]))
    info = subprocess.run(["pdfinfo", drawing_pdf], capture_output=True, text=True, check=True).stdout
    check(re.search(r"Pages:\s+1\n", info) is not None, f"the drawn chain map prints on one page: {info}")
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    check(size is not None and float(size.group(1)) > float(size.group(2)), f"the drawn chain map prints landscape: {info}")
    drawn = subprocess.run(["pdftotext", "-layout", drawing_pdf, "-"], capture_output=True, text=True, check=True).stdout
    check("上游" in drawn and "链主" in drawn, "the printed map carries its segments and tiers")
    # The cluster page: figures against the target, the 八个一 checklist and the four lists.
    driver.get(BASE + "/clusters")
    driver.find_element(By.LINK_TEXT, "集成电路").click()
    WebDriverWait(driver, 10).until(lambda d: "四张清单" in d.page_source)
    for part in ("年度目标", "八个一", "重点企业", "重点项目", "招商目标", "问题与需求"):
        check(part in driver.page_source, f"the cluster page shows {part}")
    driver.save_screenshot(f"{SHOTS}/office-cluster.png")
    # The 465 structure: totals by group and the clusters over each tier.
    driver.get(BASE + "/cluster-structures")
    driver.find_element(By.PARTIAL_LINK_TEXT, "465").click()
    WebDriverWait(driver, 10).until(lambda d: "超千亿集群" in d.page_source)
    check(all(group in driver.page_source for group in ("地标产业", "优势产业", "未来产业")), "the 465 structure shows its three groups")
    driver.save_screenshot(f"{SHOTS}/office-structure.png")
    driver.get(chain_page)
    # Chain-leader selection ranks the chain's enterprises with every part of the score.
    driver.find_element(By.LINK_TEXT, "链主遴选").click()
    WebDriverWait(driver, 10).until(lambda d: "候选企业排名" in d.page_source)
    rows = driver.find_elements(By.CSS_SELECTOR, ".table-wrap table tbody tr")
    check(len(rows) >= 3, f"the demo chain should have candidates, got {len(rows)} rows")
    driver.save_screenshot(f"{SHOTS}/office-chain-leaders.png")
    # Attraction: the lead board shows every stage, the pipeline groups projects, warnings are graded.
    driver.get(BASE + "/leads/board")
    check("招商看板" in driver.page_source and "洽谈" in driver.page_source, "the lead board should show its stages")
    driver.save_screenshot(f"{SHOTS}/office-lead-board.png")
    driver.get(BASE + "/projects/pipeline")
    check("项目推进总览" in driver.page_source, "the project pipeline page should render")
    driver.get(BASE + "/projects")
    driver.find_element(By.CSS_SELECTOR, ".list table tbody a").click()
    WebDriverWait(driver, 10).until(lambda d: "阶段" in d.page_source)
    driver.save_screenshot(f"{SHOTS}/office-project.png")
    driver.get(BASE + "/warnings")
    check("预警" in driver.page_source and "红" in driver.page_source, "the warnings page should grade its warnings")
    driver.save_screenshot(f"{SHOTS}/office-warnings.png")
    # The bulletin: drawn from the form as a job, then printed on A4 by Chromium — the 红头 and the
    # text on the first page, each annex table from a new page, no menu, form or button on paper.
    driver.get(BASE + "/bulletins/2025-08")
    driver.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: "已完成" in d.page_source or "失败" in d.page_source)
    check("已完成" in driver.page_source, "the bulletin job should succeed")
    driver.find_element(By.CSS_SELECTOR, "main a[href=\"/bulletins/2025-08\"]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bulletin-head"))
    driver.save_screenshot(f"{SHOTS}/office-bulletin.png")
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf_path = f"{SHOTS}/office-bulletin-a4.pdf"
    with open(pdf_path, "wb") as pdf:
        pdf.write(base64.b64decode(driver.print_page(options)))
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    check(re.search(r"Page size:.*\(A4\)", info) is not None, f"the bulletin should print on A4: {info}")
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    first = text.split("\f")[0]
    check("产业集群发展工作通报" in first and "2025年第8期" in first, "the first printed page carries the 红头, number and title")
    annexes = len(re.findall(r"附表\d+", text))
    check(annexes >= 9 and pages >= 1 + annexes, f"each of the {annexes} annex tables starts a new page ({pages} pages)")
    for screen_only in ("重新生成通报", "下载 Word", "退出", "导入导出"):
        check(screen_only not in text, f"{screen_only} must not be printed")
    # The dashboard draws the programme from the latest bulletin, charts linking to their lists.
    driver.get(BASE + "/")
    check(driver.find_elements(By.CSS_SELECTOR, "svg.chart a"), "the office dashboard should draw linked charts")
    check("本期工作" in driver.page_source and "产业集群与项目" in driver.page_source, "the office dashboard shows the period and the programme")
    driver.save_screenshot(f"{SHOTS}/office-dashboard-panels.png")
    # 考核: the demo's 2025 items, each formula beside the ranking.
    driver.get(BASE + "/assessments")
    check("2025 年度考核" in driver.page_source and "min(签约总投资 ÷ 目标签约总投资, 1.2) × 40" in driver.page_source,
          "the assessment page shows the demo year's formulas")
    driver.save_screenshot(f"{SHOTS}/office-assessment.png")
    # 区域指标: the demo's indicator system, a computed indicator's query behind its source.
    driver.get(BASE + "/kpis?year=2025")
    check("2025 年区域指标" in driver.page_source and "有效高新技术企业" in driver.page_source, "the indicator board shows the demo's indicators")
    driver.find_element(By.CSS_SELECTOR, "details summary").click()
    check("FROM enterprise_qualifications" in driver.find_element(By.CSS_SELECTOR, "details[open] pre").text, "a computed indicator shows its query")
    driver.save_screenshot(f"{SHOTS}/office-kpis.png")
    # 大屏 at 1920×1080: dark, the bundled map's seven districts, nothing wider than the screen, refreshing itself.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
    driver.get(BASE + "/screen")
    background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    check(background == "rgb(7, 20, 43)", f"the big screen is dark ({background})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.board-map path.district")) == 7, "the map draws Wuxi's seven districts")
    check(driver.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]"), "the big screen refreshes itself")
    size = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    check(size[0] <= 1920 and size[1] <= 1080, f"the big screen fits 1920×1080 ({size})")
    check(not driver.execute_script("return [...document.querySelectorAll('script,link,img')].some(e => (e.src || e.href || '').match(/^https?:/) && !(e.src || e.href).startsWith(location.origin))"),
          "the big screen loads nothing from outside")
    driver.save_screenshot(f"{SHOTS}/office-big-screen.png")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # Phone width: the unit list still renders without horizontal page overflow.
    driver.set_window_size(390, 844)
    driver.get(BASE + "/units")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 400, f"the unit list overflows a phone screen ({width}px wide)")
    driver.save_screenshot(f"{SHOTS}/office-units-phone.png")
    for path in ("/", "/enterprises", "/clusters", "/projects", "/leads/board", "/warnings", "/bulletins", "/bulletins/2025-08", "/assessments", "/kpis",
                 "/parks", "/parks/1", "/spaces", "/parks/recognition?year=2025", "/space-needs/1",
                 "/matching?kind=factory&areaMin=4000&areaMax=8000&floorLoad=25&industry=3972&maxRent=40", "/scenarios"):
        driver.get(BASE + path)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 400, f"{path} overflows a phone screen ({width}px wide)")
    driver.get(BASE + "/matching?kind=factory&areaMin=4000&areaMax=8000&floorLoad=25&industry=3972&maxRent=40")
    check("产业契合" in driver.page_source and "集成电路园 C5 栋标准厂房 1 层" in driver.page_source, "matching ranks the demo's factory with its reasons")
    driver.save_screenshot(f"{SHOTS}/office-matching-phone.png")
    # The public pages, signed out, on a phone: the open scenarios, one with its form, and 云选址.
    driver.delete_all_cookies()
    for path in ("/public/spaces", "/public/scenarios"):
        driver.get(BASE + path)
        check("/sign-in" not in driver.current_url, f"{path} needs no sign-in")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 400, f"{path} overflows a phone screen ({width}px wide)")
    check("晶圆厂智能巡检机器人" in driver.page_source, "the demo's open scenarios are public")
    driver.find_element(By.PARTIAL_LINK_TEXT, "查看并揭榜").click()
    check(driver.find_elements(By.NAME, "creditCode"), "an open scenario's page has the application form")
    hidden = driver.find_element(By.NAME, "website")
    check(not hidden.is_displayed() or hidden.rect["x"] < 0, "the honeypot field is out of sight")
    driver.save_screenshot(f"{SHOTS}/public-scenario-phone.png")
    # The park operator's dashboard: its parks, spaces to re-confirm and statistics.
    driver.set_window_size(1366, 768)
    sign_in(driver, "park", PASSWORD)
    driver.get(BASE + "/")
    check("本单位园区" in driver.page_source and "已过期待确认" in driver.page_source, "the park user's dashboard shows its parks")
    driver.save_screenshot(f"{SHOTS}/park-dashboard.png")
finally:
    driver.quit()

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"UI check passed for {len(EXPECTED_NAV)} roles; screenshots in {SHOTS}")
