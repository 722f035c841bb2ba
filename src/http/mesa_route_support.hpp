// SPDX-License-Identifier: MIT
// Internal to the Mesa's routes (mesa_routes.cpp, mesa_meeting_routes.cpp): reading the fields of a write's
// JSON body with their types checked, each wrong one named by its JSON pointer.
#pragma once

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/secrets.hpp"
#include "http/handler_support.hpp"

namespace metropoli::http::mesa {

// The fields of one JSON object, read by name; a field of the wrong type is recorded, not thrown.
class Fields {
public:
    explicit Fields(const nlohmann::json& body) : m_body(body) {}

    std::optional<std::string> text(const std::string& key) {
        if (!present(key)) return std::nullopt;
        if (!m_body[key].is_string()) return wrong(key, "debe ser texto / must be a string"), std::nullopt;
        return m_body[key].get<std::string>();
    }
    std::optional<int64_t> integer(const std::string& key) {
        if (!present(key)) return std::nullopt;
        if (!m_body[key].is_number_integer())
            return wrong(key, "debe ser un entero / must be an integer"), std::nullopt;
        return m_body[key].get<int64_t>();
    }
    std::optional<bool> boolean(const std::string& key) {
        if (!present(key)) return std::nullopt;
        if (!m_body[key].is_boolean())
            return wrong(key, "debe ser true o false / must be true or false"), std::nullopt;
        return m_body[key].get<bool>();
    }
    std::optional<int> small(const std::string& key) {
        auto v = integer(key);
        if (v && (*v < -1000000 || *v > 1000000))
            return wrong(key, "fuera de rango / out of range"), std::nullopt;
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }
    void require(const std::string& key) {
        if (!m_body.contains(key)) wrong(key, "es obligatorio / is required");
    }
    void wrong(const std::string& key, const std::string& why) {
        m_errors.push_back({"/" + key, fmt::format("/{}: {}", key, why)});
    }
    const std::vector<FieldError>& errors() const { return m_errors; }
    bool ok() const { return m_errors.empty(); }

private:
    bool present(const std::string& key) const { return m_body.contains(key) && !m_body[key].is_null(); }
    const nlohmann::json& m_body;
    std::vector<FieldError> m_errors;
};

// The "id" path parameter of a Mesa record: "the body's id".
inline ParamSpec id_param(const char* what) {
    return {"id", ParamType::integer, fmt::format("the {}'s id", what), "1"};
}

// A read's handler whose 200 answers carry an ETag: the version's where the answer has one, else a digest of
// the body, so that a client may revalidate with If-None-Match.
inline RouteHandler tagged(RouteHandler handler) {
    return [handler = std::move(handler)](const RoutedRequest& r, RequestContext& ctx) {
        Response out = handler(r, ctx);
        if (out.status == 200 && out.etag.empty())
            out.etag = "\"" + access::sha256_hex(out.body).substr(0, 32) + "\"";
        return out;
    };
}

}  // namespace metropoli::http::mesa
