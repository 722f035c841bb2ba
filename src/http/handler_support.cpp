// SPDX-License-Identifier: MIT
#include "http/handler_support.hpp"

#include <fmt/format.h>

namespace metropoli::http {

using nlohmann::json;

std::string param(const RoutedRequest& r, const std::string& key, const std::string& fallback) {
    auto it = r.query.find(key);
    return it == r.query.end() ? fallback : it->second;
}

std::optional<Date> date_param(const RoutedRequest& r, const std::string& key) {
    const auto text = param(r, key);
    if (text.empty()) return std::nullopt;
    return Date::parse_iso(text);
}

Response json_response(const json& body) {
    Response r;
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

Response no_content() {
    Response r;
    r.status = 204;
    return r;
}

Response invalid_fields(const std::vector<FieldError>& errors, const std::string& instance, unsigned status) {
    Response r = problem(
        status, "",
        errors.size() == 1 ? errors.front().detail : fmt::format("{} fields are invalid", errors.size()),
        instance);
    json body = json::parse(r.body);
    json list = json::array();
    for (const auto& e : errors) list.push_back({{"pointer", e.pointer}, {"detail", e.detail}});
    body["errors"] = list;
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

Result<json> json_body(const RoutedRequest& r) {
    const std::string& type = r.request->content_type;
    const auto semi = type.find(';');
    std::string media = type.substr(0, semi);
    while (!media.empty() && media.back() == ' ') media.pop_back();
    for (auto& c : media) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (media != "application/json") {
        return make_error(ErrorCode::unsupported_media,
                          fmt::format("the body must be application/json (got '{}')",
                                      media.empty() ? "nothing" : media.substr(0, 60)));
    }
    json body = json::parse(r.request->body, nullptr, false);
    if (body.is_discarded()) return make_error(ErrorCode::invalid_argument, "the body is not valid JSON");
    if (!body.is_object()) return make_error(ErrorCode::invalid_argument, "the body must be a JSON object");
    return body;
}

Status check_if_match(const RoutedRequest& r, const std::string& current_etag) {
    const std::string& sent = r.request->if_match;
    if (sent.empty()) {
        return make_error(
            ErrorCode::precondition_required,
            fmt::format("If-Match is required: send the ETag of the version you read ({})", current_etag));
    }
    if (none_match_hits(sent, current_etag) && sent.find("W/") == std::string::npos) return ok_status();
    return make_error(
        ErrorCode::precondition_failed,
        fmt::format("the resource changed since it was read: its ETag is now {}", current_etag));
}

std::string version_etag(int64_t version) {
    return fmt::format("\"v{}\"", version);
}

Response versioned(const nlohmann::json& body, int64_t version, unsigned status) {
    Response out = json_response(body);
    out.status = status;
    out.etag = version_etag(version);
    return out;
}

Response fields_problem(const Error& error, const std::string& path, unsigned status) {
    if (error.code == ErrorCode::invalid_argument && !error.message.empty() && error.message.front() == '/') {
        const auto colon = error.message.find(':');
        return invalid_fields({{error.message.substr(0, colon), error.message}}, path, status);
    }
    return problem_of(error, path);
}

}  // namespace metropoli::http
