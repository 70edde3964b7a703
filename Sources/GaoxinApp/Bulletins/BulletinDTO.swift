import Foundation
import OpenAPIKit30
import Vapor

/// A stored bulletin in the API: who drew it when, and its content.
struct BulletinDTO: Content, APISchema {
    var month: String
    var generatedAt: Date
    var generatedBy: String
    var content: BulletinContent

    init(_ record: BulletinRecord) throws {
        month = record.month
        generatedAt = record.generatedAt
        generatedBy = record.userName
        content = try record.content()
    }

    static let schemaName = "Bulletin"
    static var openAPISchema: JSONSchema {
        let int64 = JSONSchema.integer(format: .int64)
        let optionalInt64 = JSONSchema.integer(format: .int64, required: false, nullable: true)
        let optionalNumber = JSONSchema.number(required: false, nullable: true)
        let optionalString = JSONSchema.string(required: false, nullable: true)
        let light = JSONSchema.string(required: false, nullable: true, allowedValues: ["green", "yellow", "red"])
        let clusterRow = JSONSchema.object(properties: [
            "rank": .integer(required: false, nullable: true), "name": .string, "clusterId": .integer(required: false, nullable: true),
            "yearToDate": int64, "previousYearToDate": optionalInt64, "growth": optionalNumber, "annualTarget": optionalInt64,
            "progress": optionalNumber, "light": light, "tier": optionalString,
        ])
        let unitCount = JSONSchema.object(properties: ["unit": .string, "count": .integer])
        let investmentRow = JSONSchema.object(properties: [
            "rank": .integer(required: false, nullable: true), "name": .string, "projects": .integer, "planned": int64, "completed": int64,
            "rate": optionalNumber, "light": .string(allowedValues: ["green", "yellow", "red"]),
        ])
        let content = JSONSchema.object(properties: [
            "header": .object(properties: [
                "month": .string, "year": .integer, "throughMonth": .integer, "issuer": .string, "number": .integer,
                "issuedOn": .string(format: .date), "asOf": .string(format: .date), "final": .boolean(description: "据已关账数据；否则为预览稿"),
            ]),
            "summary": .array(description: "通报正文，一段一个主题", items: .string),
            "clusters": .array(items: clusterRow), "clusterTotal": clusterRow,
            "structures": .array(items: .object(properties: [
                "name": .string, "groups": .array(items: .object(properties: ["total": clusterRow, "clusters": .array(items: clusterRow)])),
                "total": clusterRow, "overThousand": .integer,
            ])),
            "tiers": .array(items: .object(properties: ["label": .string, "threshold": int64, "clusters": .array(items: .string)])),
            "keyProjects": .object(properties: [
                "keyProjects": .integer, "keyInClusters": .integer, "keyInvestment": int64, "keyInvestmentInClusters": int64,
                "plannedInvestment": int64, "plannedInClusters": int64,
            ]),
            "investment": .object(properties: ["monthsDue": .integer, "total": investmentRow, "byUnit": .array(items: investmentRow)]),
            "targets": .object(properties: [
                "elapsed": .number, "columns": .array(items: .string),
                "rows": .array(items: .object(properties: [
                    "rank": .integer, "unit": .string, "title": .string, "projects": .integer, "cells": .array(items: .string),
                    "completion": optionalNumber, "light": .string(allowedValues: ["green", "yellow", "red"]),
                ])),
            ]),
            "lateProjects": .object(properties: [
                "count": .integer, "byUnit": .array(items: unitCount),
                "items": .array(items: .object(properties: ["name": .string, "unit": .string, "stage": .string, "missed": .string, "plannedOn": .string(format: .date)])),
            ]),
            "obstacles": .object(properties: [
                "open": .integer, "overdue": .integer, "byUnit": .array(items: unitCount),
                "items": .array(items: .object(properties: [
                    "title": .string, "project": .string, "unit": .string, "kind": .string, "dueOn": .string(format: .date), "overdue": .boolean,
                ])),
            ]),
            "checklists": .array(items: .object(properties: [
                "template": .string, "clusterCount": .integer, "complete": .integer,
                "gaps": .array(items: .object(properties: ["item": .string, "clusters": .array(items: .string)])),
            ])),
            "restatements": .array(items: .object(properties: [
                "month": .string, "subject": .string, "figure": .string, "oldValue": optionalInt64, "newValue": optionalInt64,
                "reason": .string, "by": .string, "on": .string(format: .date),
            ])),
        ])
        return .object(properties: ["month": .string, "generatedAt": .string(format: .dateTime), "generatedBy": .string, "content": content])
    }
}
