// A real webhook receiver for the dispatcher tests: an httplib server on a
// loopback port that records every request. Paths choose its behaviour:
//   /ok      200          /fail   500
//   /hang    never answers until Release() (or destruction)
//   /slow    answers 200 after slow_ms
// Thread-safety: all methods from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace ffsb::notify::testing {

struct Received {
  std::string path;
  std::string body;
  httplib::Headers headers;
  std::string Header(const std::string& k) const {
    auto it = headers.find(k);
    return it == headers.end() ? "" : it->second;
  }
};

class TestReceiver {
 public:
  int slow_ms = 1000;

  TestReceiver() {
    auto record = [this](const httplib::Request& req) {
      std::lock_guard<std::mutex> l(mu_);
      got_.push_back({req.path, req.body, req.headers});
      cv_.notify_all();
    };
    server_.Post("/ok", [=](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.status = 200;
    });
    server_.Post("/fail", [=](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.status = 500;
    });
    server_.Post("/slow", [=, this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
      res.status = 200;
    });
    server_.Post("/hang", [=, this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [&] { return released_; });
      res.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~TestReceiver() {
    Release();
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server_.stop();
    thread_.join();
  }

  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  void Release() {
    std::lock_guard<std::mutex> l(mu_);
    released_ = true;
    cv_.notify_all();
  }
  std::vector<Received> Got() {
    std::lock_guard<std::mutex> l(mu_);
    return got_;
  }
  size_t Count() {
    std::lock_guard<std::mutex> l(mu_);
    return got_.size();
  }
  // Waits until at least n requests arrived; false on timeout.
  bool WaitFor(size_t n, int timeout_ms = 5000) {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, std::chrono::milliseconds(timeout_ms), [&] { return got_.size() >= n; });
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Received> got_;
  bool released_ = false;
};

}  // namespace ffsb::notify::testing
