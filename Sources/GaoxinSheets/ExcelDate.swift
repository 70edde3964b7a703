/// Conversion between calendar dates and Excel's date serial numbers.
///
/// Excel stores a date as a number of days. In the default 1900 system, serial 1 is
/// 1900-01-01 and serial 60 is the non-existent 1900-02-29 (kept by Excel for Lotus 1-2-3
/// compatibility), so serials from 61 on are days since 1899-12-30. In the 1904 system (old
/// Mac workbooks, flagged in workbook.xml) serial 0 is 1904-01-01.
/// The arithmetic is done on days since 1970-01-01 with the proleptic Gregorian calendar, so
/// no Calendar or time zone is involved.
enum ExcelDate {
    /// Largest serial Excel accepts: 9999-12-31.
    static let maxSerial = 2_958_465

    /// The serial for a date, or nil when the date is not real or Excel cannot store it
    /// (before 1900-01-01 or after 9999-12-31); the writer then falls back to text.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard isValid(year: year, month: month, day: day), year >= 1900, year <= 9999 else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day) - daysSinceEpoch(year: 1899, month: 12, day: 30)
        // Before 1900-03-01 Excel's count is one lower, because of the fake 1900-02-29.
        return days <= 60 ? days - 1 : days
    }

    /// The date of a serial (the fraction, a time of day, is dropped), or nil for a serial
    /// that is no date Excel would show (below 1, the fake 1900-02-29, past 9999-12-31).
    static func date(serial: Double, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
        guard serial.isFinite else { return nil }
        let whole = serial.rounded(.down)
        guard whole >= (date1904 ? 0 : 1), whole <= Double(maxSerial) else { return nil }
        let value = Int(whole)
        let days: Int
        if date1904 {
            days = daysSinceEpoch(year: 1904, month: 1, day: 1) + value
        } else if value < 60 {
            days = daysSinceEpoch(year: 1899, month: 12, day: 31) + value
        } else if value == 60 {
            return nil
        } else {
            days = daysSinceEpoch(year: 1899, month: 12, day: 30) + value
        }
        return civil(daysSinceEpoch: days)
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Days from 1970-01-01, counting through 400-year eras that start on 1 March so that
    /// the leap day is the last day of each shifted year.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch`.
    static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
