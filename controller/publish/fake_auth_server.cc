#include "controller/publish/fake_auth_server.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace flipdns::publish {
namespace {

void json_reply(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

FakeAuthServer::FakeAuthServer(std::string token,
                               std::map<std::string, std::vector<std::string>> groups)
    : token_(std::move(token)),
      groups_(std::move(groups)),
      http_([this](httplib::Server& s) { routes(s); }) {}

WireDecision FakeAuthServer::held(const std::string& group) const {
  std::lock_guard lock(mu_);
  auto it = held_.find(group);
  if (it != held_.end()) return it->second;
  return WireDecision{group, groups_.at(group).front(), {}, 0};
}

void FakeAuthServer::set_held(const WireDecision& d) {
  std::lock_guard lock(mu_);
  held_[d.group] = d;
}

void FakeAuthServer::fail_with(int status) {
  std::lock_guard lock(mu_);
  fail_status_ = status;
}

size_t FakeAuthServer::puts() const {
  std::lock_guard lock(mu_);
  return puts_;
}

size_t FakeAuthServer::gets() const {
  std::lock_guard lock(mu_);
  return gets_;
}

void FakeAuthServer::routes(httplib::Server& s) {
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mu_);
    if (fail_status_ != 0) {
      json_reply(res, fail_status_, {{"error", "failing on purpose"}});
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.get_header_value("Authorization") != "Bearer " + token_) {
      json_reply(res, 401, {{"error", "missing or invalid token"}});
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.Get("/v1/decisions", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mu_);
    ++gets_;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [group, pools] : groups_) {
      auto it = held_.find(group);
      WireDecision d = it != held_.end() ? it->second : WireDecision{group, pools.front(), {}, 0};
      list.push_back(
          {{"group", group}, {"pool", d.pool}, {"members", d.members}, {"epoch", d.epoch}});
    }
    json_reply(res, 200, {{"decisions", list}});
  });
  s.Put(R"(/v1/decisions/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mu_);
    ++puts_;
    const std::string group = req.matches[1];
    auto g = groups_.find(group);
    if (g == groups_.end()) return json_reply(res, 404, {{"error", "unknown group " + group}});
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.contains("epoch") || !body["epoch"].is_number_unsigned())
      return json_reply(res, 400, {{"error", "bad decision"}});
    WireDecision d{group, body.value("pool", ""), body.value("members", std::vector<std::string>{}),
                   body["epoch"].get<uint64_t>()};
    if (std::find(g->second.begin(), g->second.end(), d.pool) == g->second.end())
      return json_reply(res, 400, {{"error", "unknown pool " + d.pool}});
    std::sort(d.members.begin(), d.members.end());
    auto held = held_.find(group);
    if (held != held_.end()) {
      if (d.epoch < held->second.epoch)
        return json_reply(res, 409, {{"error", "epoch older than the epoch held"}});
      if (d.epoch == held->second.epoch && !same_content(d, held->second))
        return json_reply(res, 409, {{"error", "epoch held with different content"}});
    }
    held_[group] = d;
    json_reply(res, 200, {{"ok", true}});
  });
}

}  // namespace flipdns::publish
