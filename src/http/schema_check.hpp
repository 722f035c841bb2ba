// SPDX-License-Identifier: MIT
// Test support: checks a JSON value against a schema of the OpenAPI document, in the subset of JSON Schema
// the document uses (type, a list of types for nullable, properties, required, additionalProperties, items,
// enum, oneOf, $ref into the document, format date, pattern, minimum). Any other keyword is reported, so that
// a schema cannot say more than is checked. An object whose schema lists properties may hold no other member
// unless additionalProperties says what they are: every field a response carries is documented.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace metropoli::http {

// Test support too: the request a documented GET operation makes with the example of each parameter that has
// one.
inline std::string example_target(const std::string& path, const nlohmann::json& operation) {
    std::string target = path;
    std::string query;
    for (const auto& p : operation.value("parameters", nlohmann::json::array())) {
        if (!p.contains("example")) continue;
        const std::string value =
            p.at("example").is_string() ? p.at("example").get<std::string>() : p.at("example").dump();
        if (p.at("in") == "path") {
            target = std::regex_replace(target, std::regex("\\{" + p.at("name").get<std::string>() + "\\}"),
                                        value);
        } else {
            query += (query.empty() ? "?" : "&") + p.at("name").get<std::string>() + "=" + value;
        }
    }
    return target + query;
}

class SchemaCheck {
public:
    explicit SchemaCheck(const nlohmann::json& document) : m_document(document) {}

    // Every way `value` departs from `schema`, each as "<JSON pointer>: <what>"; empty when it conforms.
    std::vector<std::string> errors(const nlohmann::json& schema, const nlohmann::json& value) const {
        std::vector<std::string> out;
        check(schema, value, "", out);
        return out;
    }

private:
    static std::string type_of(const nlohmann::json& v) {
        if (v.is_null()) return "null";
        if (v.is_boolean()) return "boolean";
        if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
        if (v.is_number()) return "number";
        if (v.is_string()) return "string";
        if (v.is_array()) return "array";
        return "object";
    }

    static bool has_type(const std::string& actual, const std::string& wanted) {
        return actual == wanted || (wanted == "number" && actual == "integer");
    }

    void check(const nlohmann::json& schema, const nlohmann::json& v, const std::string& at,
               std::vector<std::string>& out) const {
        static const std::set<std::string> known = {
            "$ref",  "type",   "properties", "required", "additionalProperties", "items", "enum",
            "oneOf", "format", "pattern",    "minimum",  "description"};
        for (const auto& [key, _] : schema.items()) {
            if (!known.count(key))
                out.push_back(at + ": the schema uses '" + key + "', which this check does not know");
        }
        if (schema.contains("$ref")) {
            const std::string ref = schema.at("$ref");
            const nlohmann::json::json_pointer pointer(ref.substr(1));
            if (ref.rfind("#/", 0) != 0 || !m_document.contains(pointer)) {
                out.push_back(at + ": unresolved " + ref);
                return;
            }
            check(m_document.at(pointer), v, at, out);
            return;
        }
        if (schema.contains("oneOf")) {
            size_t matched = 0;
            for (const auto& alternative : schema.at("oneOf")) matched += errors(alternative, v).empty();
            if (matched != 1)
                out.push_back(at + ": matches " + std::to_string(matched) +
                              " of the oneOf alternatives, not one");
            return;
        }
        const std::string actual = type_of(v);
        if (schema.contains("type")) {
            const auto& t = schema.at("type");
            bool ok = false;
            if (t.is_string()) ok = has_type(actual, t);
            for (const auto& each : t.is_array() ? t : nlohmann::json::array()) ok |= has_type(actual, each);
            if (!ok) {
                out.push_back(at + ": " + actual + ", not " + t.dump());
                return;
            }
        }
        if (schema.contains("enum") &&
            std::find(schema.at("enum").begin(), schema.at("enum").end(), v) == schema.at("enum").end()) {
            out.push_back(at + ": " + v.dump() + " is not one of " + schema.at("enum").dump());
        }
        if (v.is_string() && schema.value("format", "") == "date" && !Date::parse_iso(v.get<std::string>())) {
            out.push_back(at + ": " + v.dump() + " is not a date YYYY-MM-DD");
        }
        if (v.is_string() && schema.contains("pattern") &&
            !std::regex_search(v.get<std::string>(), std::regex(schema.value("pattern", "")))) {
            out.push_back(at + ": " + v.dump() + " does not match " + schema.value("pattern", ""));
        }
        if (v.is_number() && schema.contains("minimum") &&
            v.get<double>() < schema.at("minimum").get<double>()) {
            out.push_back(at + ": " + v.dump() + " is below the minimum");
        }
        if (v.is_object()) {
            for (const auto& name : schema.value("required", nlohmann::json::array())) {
                if (!v.contains(name)) out.push_back(at + ": no member '" + name.get<std::string>() + "'");
            }
            const auto properties = schema.value("properties", nlohmann::json::object());
            for (const auto& [name, member] : v.items()) {
                const std::string here = at + "/" + name;
                if (properties.contains(name))
                    check(properties.at(name), member, here, out);
                else if (schema.contains("additionalProperties"))
                    check(schema.at("additionalProperties"), member, here, out);
                else if (schema.contains("properties"))
                    out.push_back(here + ": not in the schema");
            }
        }
        if (v.is_array() && schema.contains("items")) {
            for (size_t i = 0; i < v.size(); ++i)
                check(schema.at("items"), v[i], at + "/" + std::to_string(i), out);
        }
    }

    const nlohmann::json& m_document;
};

}  // namespace metropoli::http
