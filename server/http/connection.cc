// One HTTP/1.1 connection: read request head, enforce limits, read the body
// (to memory, or to a file for upload routes), dispatch, write the response
// (or a file in chunks), loop while keep-alive. The only file that includes
// Beast: keep it that way (Beast is slow to compile).
//
// Threading: every step runs on the connection's strand (the socket's
// executor), so no member needs a lock. The object is kept alive by the
// shared_ptr bound into its pending operation.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/http/http_date.h"
#include "server/http/server_impl.h"
#include "server/http/static_file.h"
#include "server/http/url.h"

namespace ffsb::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

constexpr size_t kFileChunk = 256 * 1024;
constexpr size_t kLingerDiscardBytes = 4 * 1024 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(2);

// Errors that just mean "the peer went away or was too slow": closed quietly.
bool IsDisconnect(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == net::error::operation_aborted ||
         ec == beast::error::timeout || ec == net::error::bad_descriptor;
}

// Strips CR/LF so a handler's header value (possibly holding user text)
// cannot split the response.
void AppendHeader(std::string* out, std::string_view name, std::string_view value) {
  out->append(name);
  out->append(": ");
  for (char c : value)
    if (c != '\r' && c != '\n') out->push_back(c);
  out->append("\r\n");
}

bool StatusHasNoBody(int status) { return status == 204 || status == 304 || status < 200; }

std::string BuildHead(int status, std::string_view content_type,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      uint64_t content_length, bool keep_alive) {
  std::string out;
  out.reserve(256);
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  {
    auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
    out.append(reason.data(), reason.size());
  }
  out += "\r\nServer: ffsandbox\r\n";
  AppendHeader(&out, "Date", FormatHttpDate(std::time(nullptr)));
  if (!content_type.empty() && !StatusHasNoBody(status))
    AppendHeader(&out, "Content-Type", content_type);
  for (const auto& [k, v] : headers) AppendHeader(&out, k, v);
  if (!StatusHasNoBody(status)) AppendHeader(&out, "Content-Length", std::to_string(content_length));
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return out;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpServer::Impl* server, tcp::socket socket)
      : s_(server), stream_(std::move(socket)) {
    error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
  }
  ~Connection() {
    RemoveUploadFile();
    --s_->active;
  }

  void Start() { ReadHeader(); }

 private:
  const HttpServer::Options& opt() const { return s_->options; }

  std::string UploadDir() const {
    if (!opt().upload_dir.empty()) return opt().upload_dir;
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
  }

  void ReadHeader() {
    header_parser_.emplace();
    header_parser_->header_limit(static_cast<std::uint32_t>(opt().max_header_bytes));
    // The body limit depends on the route: decided in OnHeader.
    header_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(first_ ? opt().header_timeout : opt().idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *header_parser_,
                             beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
  }

  void OnHeader(error_code ec, size_t) {
    if (ec) {
      if (ec == beast::error::timeout) {
        s_->log.Debug("header timeout remote=" + remote_);
        return Close();
      }
      if (IsDisconnect(ec)) return Close();
      if (ec == bhttp::error::header_limit) {
        Response r = Error(ErrorCode::INVALID_REQUEST_PARAMETER, "Request header too large");
        r.status = 431;
        return SendErrorAndClose(std::move(r));
      }
      s_->log.Info("malformed request remote=" + remote_ + " error=" + ec.message());
      return SendErrorAndClose(
          Error(ErrorCode::INVALID_REQUEST_PARAMETER, "Malformed HTTP request: " + ec.message()));
    }
    const auto& h = header_parser_->get();
    req_ = Request{};
    req_.method = std::string(h.method_string());
    req_.target = std::string(h.target());
    req_.remote_addr = remote_;
    for (const auto& f : h) {
      std::string value(f.value());
      auto [it, inserted] = req_.headers.emplace(std::string(f.name_string()), value);
      if (!inserted) it->second += ", " + value;
    }
    // Absolute-form targets (proxies) are reduced to their path.
    std::string_view t = req_.target;
    if (t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0) {
      size_t slash = t.find('/', t.find("//") + 2);
      req_.target = slash == std::string_view::npos ? "/" : std::string(t.substr(slash));
    }
    if (req_.target.empty() || (req_.target[0] != '/' && req_.target != "*")) {
      return SendErrorAndClose(Error(ErrorCode::INVALID_REQUEST_PARAMETER, "Bad request target"));
    }
    ParseTarget(req_.target, &req_.path, &req_.query);
    keep_alive_ = header_parser_->keep_alive();
    head_only_ = req_.method == "HEAD";

    upload_ = s_->router.IsUpload(req_.method, req_.path);
    const uint64_t limit = upload_ ? opt().max_upload_bytes : opt().max_body_bytes;
    if (auto cl = header_parser_->content_length(); cl && *cl > limit) {
      return SendErrorAndClose(Error(ErrorCode::REQUEST_BODY_TOO_LARGE,
                                     "Request body of " + std::to_string(*cl) +
                                         " bytes exceeds the limit of " + std::to_string(limit)));
    }
    if (header_parser_->is_done()) return Handle();

    if (upload_) {
      req_.body_file = UploadDir() +
                       "/ffsb-upload-" + std::to_string(::getpid()) + "-" +
                       std::to_string(++s_->upload_seq);
      file_parser_.emplace(std::move(*header_parser_));
      file_parser_->body_limit(limit);
      beast::error_code fec;
      file_parser_->get().body().open(req_.body_file.c_str(), beast::file_mode::write_new, fec);
      if (fec) {
        s_->log.Error("cannot create upload file " + req_.body_file + ": " + fec.message());
        req_.body_file.clear();
        return SendErrorAndClose(Error(ErrorCode::INTERNAL_SERVER_ERROR, "Cannot store upload"));
      }
    } else {
      string_parser_.emplace(std::move(*header_parser_));
      string_parser_->body_limit(limit);
    }
    header_parser_.reset();

    const std::string* expect = req_.Header("Expect");
    if (expect && beast::iequals(*expect, "100-continue")) {
      static const std::string k100 = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(opt().io_timeout);
      net::async_write(stream_, net::buffer(k100),
                       [self = shared_from_this()](error_code ec, size_t) {
                         if (ec) return self->Close();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  // Reads in steps so the stall timeout re-arms on progress: a 1 GB upload
  // may take long as long as bytes keep coming.
  void ReadBody() {
    stream_.expires_after(opt().io_timeout);
    auto cb = beast::bind_front_handler(&Connection::OnBody, shared_from_this());
    if (file_parser_) bhttp::async_read_some(stream_, buffer_, *file_parser_, std::move(cb));
    else bhttp::async_read_some(stream_, buffer_, *string_parser_, std::move(cb));
  }

  void OnBody(error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) {
      const uint64_t limit = upload_ ? opt().max_upload_bytes : opt().max_body_bytes;
      return SendErrorAndClose(Error(ErrorCode::REQUEST_BODY_TOO_LARGE,
                                     "Request body exceeds the limit of " + std::to_string(limit)));
    }
    if (ec && IsDisconnect(ec)) return Close();
    if (ec) {
      return SendErrorAndClose(
          Error(ErrorCode::INVALID_REQUEST_PARAMETER, "Malformed request body: " + ec.message()));
    }
    bool done = file_parser_ ? file_parser_->is_done() : string_parser_->is_done();
    if (!done) return ReadBody();
    if (file_parser_) {
      beast::error_code fec;
      file_parser_->get().body().close();
      (void)fec;
      file_parser_.reset();
    } else {
      req_.body = std::move(string_parser_->get().body());
      string_parser_.reset();
    }
    Handle();
  }

  void Handle() {
    ++s_->requests;
    const auto t0 = std::chrono::steady_clock::now();
    Response resp;
    if (opt().cors.enabled && IsCorsPreflight(req_)) {
      resp = CorsPreflightResponse(opt().cors, req_);
    } else {
      resp = s_->router.Dispatch(req_);
    }
    RemoveUploadFile();
    if (resp.takeover) return Takeover(std::move(resp));
    ApplyCors(opt().cors, req_, &resp);

    if (resp.file_path) {
      file_ = PrepareFileReply(req_, resp);
      file_sent_ = 0;
      out_head_ = BuildHead(file_.status, file_.content_type, file_.headers, file_.length,
                            keep_alive_);
      if (file_.fd < 0) {
        out_body_ = head_only_ ? std::string() : std::move(file_.body);
      } else {
        out_body_.clear();
        if (head_only_) file_ = FileReply();  // nothing to stream
      }
      resp.status = file_.status ? file_.status : resp.status;
    } else {
      out_head_ = BuildHead(resp.status, resp.content_type, resp.headers, resp.body.size(),
                            keep_alive_);
      out_body_ = head_only_ || StatusHasNoBody(resp.status) ? std::string() : std::move(resp.body);
    }
    if (GetLogLevel() <= LogLevel::kDebug) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - t0).count();
      s_->log.Debug(req_.method + " " + req_.path + " status=" + std::to_string(resp.status) +
                    " us=" + std::to_string(us) + " remote=" + remote_);
    }
    WriteResponse();
  }

  void Takeover(Response resp) {
    ++s_->takeovers;
    stream_.expires_never();
    error_code ec;
    int fd = stream_.socket().release(ec);
    if (ec || fd < 0) {
      s_->log.Error("takeover: cannot release socket: " + ec.message());
      return Close();
    }
    if (buffer_.size() > 0)
      s_->log.Debug("takeover: dropping " + std::to_string(buffer_.size()) + " pipelined bytes");
    s_->log.Debug("takeover " + req_.method + " " + req_.path + " fd=" + std::to_string(fd) +
                  " remote=" + remote_);
    try {
      resp.takeover(fd, req_);
    } catch (const std::exception& e) {
      s_->log.Error("takeover receiver threw path=" + req_.path + " what=" + e.what());
    }
  }

  void WriteResponse() {
    stream_.expires_after(opt().io_timeout);
    std::array<net::const_buffer, 2> bufs{net::buffer(out_head_), net::buffer(out_body_)};
    net::async_write(stream_, bufs, [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->Close();
      if (self->file_.fd >= 0) return self->WriteFileChunk();
      self->AfterResponse();
    });
  }

  void WriteFileChunk() {
    if (file_sent_ >= file_.length) {
      file_ = FileReply();
      return AfterResponse();
    }
    if (chunk_.size() < kFileChunk) chunk_.resize(kFileChunk);
    size_t want = static_cast<size_t>(std::min<uint64_t>(kFileChunk, file_.length - file_sent_));
    ssize_t n = ::pread(file_.fd, chunk_.data(), want, static_cast<off_t>(file_.offset + file_sent_));
    if (n <= 0) {
      // The file shrank under us: the promised length cannot be met.
      s_->log.Warn("file read failed mid-response path=" + req_.path);
      file_ = FileReply();
      return Close();
    }
    stream_.expires_after(opt().io_timeout);
    net::async_write(stream_, net::buffer(chunk_.data(), static_cast<size_t>(n)),
                     [self = shared_from_this()](error_code ec, size_t written) {
                       if (ec) return self->Close();
                       self->file_sent_ += written;
                       self->WriteFileChunk();
                     });
  }

  void AfterResponse() {
    out_body_.clear();
    out_body_.shrink_to_fit();
    if (!keep_alive_) return Close();
    first_ = false;
    ReadHeader();
  }

  void SendErrorAndClose(Response r) {
    keep_alive_ = false;
    RemoveUploadFile();
    out_head_ = BuildHead(r.status, r.content_type, {}, r.body.size(), false);
    out_body_ = std::move(r.body);
    stream_.expires_after(opt().io_timeout);
    std::array<net::const_buffer, 2> bufs{net::buffer(out_head_), net::buffer(out_body_)};
    net::async_write(stream_, bufs, [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->Close();
      self->LingeringClose();
    });
  }

  // After an error reply the client may still be sending (a body we refused):
  // closing now would reset the connection and could destroy the reply in
  // flight. Half-close, then drain a little for a short while.
  void LingeringClose() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    if (chunk_.size() < 16 * 1024) chunk_.resize(16 * 1024);
    stream_.expires_after(kLingerTime);  // one deadline for the whole drain
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(chunk_), [self = shared_from_this()](error_code ec, size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kLingerDiscardBytes) return self->Close();
      self->Drain();
    });
  }

  void Close() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  void RemoveUploadFile() {
    if (req_.body_file.empty()) return;
    ::unlink(req_.body_file.c_str());  // ENOENT when the handler kept it
    req_.body_file.clear();
  }

  HttpServer::Impl* s_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser_;
  std::optional<bhttp::request_parser<bhttp::string_body>> string_parser_;
  std::optional<bhttp::request_parser<bhttp::file_body>> file_parser_;
  Request req_;
  std::string remote_;
  bool first_ = true;
  bool keep_alive_ = false;
  bool head_only_ = false;
  bool upload_ = false;
  std::string out_head_;
  std::string out_body_;
  FileReply file_;
  uint64_t file_sent_ = 0;
  std::vector<char> chunk_;
  size_t drained_ = 0;
};

}  // namespace

void ServeConnection(HttpServer::Impl* server, tcp::socket socket) {
  std::make_shared<Connection>(server, std::move(socket))->Start();
}

}  // namespace ffsb::http
