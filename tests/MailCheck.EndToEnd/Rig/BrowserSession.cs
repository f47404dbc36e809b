using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Rig;

/// <summary>
/// One person's browser: a context with one page, recording the console, the WebSockets it opened (with the
/// frames they carried) and any Blazor long-polling request, so tests can prove which transport the circuit used.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _console = new();
    private readonly ConcurrentQueue<string> _webSockets = new();
    private readonly ConcurrentQueue<string> _longPolls = new();
    private int _framesReceived;

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) => _console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"pageerror: {error}");
        page.WebSocket += (_, socket) =>
        {
            _webSockets.Enqueue(socket.Url);
            socket.FrameReceived += (_, _) => Interlocked.Increment(ref _framesReceived);
        };
        page.Request += (_, request) =>
        {
            // SignalR's long polling: GET/POST .../_blazor?id=... that is not the WebSocket upgrade.
            if (request.Url.Contains("/_blazor?id=", StringComparison.Ordinal) && request.ResourceType != "websocket")
            {
                _longPolls.Enqueue($"{request.Method} {request.Url}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleMessages => [.. _console];

    public IReadOnlyList<string> WebSocketUrls => [.. _webSockets];

    public IReadOnlyList<string> LongPollingRequests => [.. _longPolls];

    public int WebSocketFramesReceived => Volatile.Read(ref _framesReceived);

    public static async Task<BrowserSession> StartAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>Everything the page logged, for failure messages.</summary>
    public string Describe() =>
        $"console:\n  {string.Join("\n  ", ConsoleMessages)}\nwebsockets: {string.Join(", ", WebSocketUrls)}\nlong polls: {string.Join(", ", LongPollingRequests)}";

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
