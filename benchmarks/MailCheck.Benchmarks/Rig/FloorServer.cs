using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace MailCheck.Benchmarks.Rig;

/// <summary>
/// The reference for measure 5's pages, in the same run: what the same number of Chromium pages cost on this machine
/// when the page is as cheap as a live page can be. A bare HTML page (no framework, no stylesheet) holds one WebSocket
/// to this driver; the driver sends as many lines as the measured check had events, as far apart as the gated server's
/// replies, and the page appends each line to a box and keeps the box at its end. The same observer as on MailCheck's
/// pages notes when each line enters the DOM, so "last line sent → last page shows it" compares directly with
/// MailCheck's "last reply sent → last page shows it": what is left between the two is MailCheck's page, and what the
/// floor itself costs is the browsers' share of the machine.
/// </summary>
internal sealed class FloorServer : IAsyncDisposable
{
    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Floor: a bare live page</title></head>
        <body style="font: 14px monospace; margin: 24px">
        <h1 style="font-size: 20px">A bare live page</h1>
        <div id="box" style="height: 60vh; overflow: auto; border: 1px solid #999"></div>
        <script>
          const box = document.getElementById("box");
          const socket = new WebSocket("ws://" + location.host + "/lines");
          socket.onopen = () => { box.dataset.open = "true"; };
          socket.onmessage = e => {
            const space = e.data.indexOf(" ");
            const line = document.createElement("div");
            line.className = "mc-line";
            line.dataset.seq = e.data.slice(0, space);
            const text = document.createElement("span");
            text.className = "mc-text";
            text.textContent = e.data.slice(space + 1);
            line.append(text);
            box.append(line);
            box.scrollTop = box.scrollHeight;
          };
        </script>
        </body></html>
        """;

    private readonly HttpListener _listener = new();
    private readonly ConcurrentBag<WebSocket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public FloorServer(string prefix)
    {
        _listener.Prefixes.Add(prefix);
        _listener.Start();
        _accept = AcceptAsync();
    }

    /// <summary>Sends line 1..<paramref name="count"/> ("seq text rN") to every page, <paramref name="delay"/> apart; token → when it was sent (Unix ms).</summary>
    public async Task<Dictionary<string, double>> SendAsync(int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, double>(StringComparer.Ordinal);
        var sockets = _sockets.ToArray();
        for (var i = 1; i <= count; i++)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var token = $"r{i}";
            var bytes = Encoding.UTF8.GetBytes($"{i} 250 2.1.5 line {i} of {count} {token}");
            sent[token] = GatedSmtpServer.NowMs();
            foreach (var socket in sockets)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
        }

        return sent;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            if (context.Request.IsWebSocketRequest)
            {
                var ws = await context.AcceptWebSocketAsync(subProtocol: null).ConfigureAwait(false);
                _sockets.Add(ws.WebSocket);
                continue;
            }

            var body = Encoding.UTF8.GetBytes(Page);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, _stop.Token).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        _listener.Stop();
        _listener.Close();
        await _accept.ConfigureAwait(false);
        _stop.Dispose();
    }
}
