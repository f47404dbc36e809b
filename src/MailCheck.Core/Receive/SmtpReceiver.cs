using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailCheck.Core.Dns;
using Microsoft.Extensions.Logging;

namespace MailCheck.Core.Receive;

/// <summary>
/// MailCheck's SMTP listener for receive checks: accepts connections on one endpoint and serves each with a
/// <see cref="ReceiveSession"/>, at most <see cref="ReceiveOptions.MaxConnections"/> at once and
/// <see cref="ReceiveOptions.MaxConnectionsPerAddress"/> from one address (an IPv6 /64 counts as one); beyond that a
/// connection gets 421 and is closed before anything else is read.
/// </summary>
/// <remarks>
/// Why a listener of MailCheck's own rather than the SmtpServer package the tests use: every line must be recorded as
/// it arrives, raw (the package hands over parsed commands and a finished message); the RFC 5321 §4.5.3.2 timeouts must
/// hold per line and for the whole connection (a slow-drip sender); a bare LF or an "&lt;LF&gt;.&lt;LF&gt;" in the message
/// must be kept and reported, not normalised; STARTTLS must throw away input injected before the handshake; and the
/// 421 after 20 errors, the connection caps and the one-message-per-address rule belong to the same loop.
/// </remarks>
public sealed partial class SmtpReceiver : IAsyncDisposable
{
    private readonly ReceiveServerSettings _settings;
    private readonly IReceiveMailboxes _mailboxes;
    private readonly ReceiveJudgement _judgement;
    private readonly IDnsQuerier _dns;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpReceiver> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _sessions = new();
    private TcpListener? _listener;
    private Task? _accepting;
    private int _active;

    public SmtpReceiver(ReceiveServerSettings settings, IReceiveMailboxes mailboxes, ReceiveJudgement judgement, IDnsQuerier dns, TimeProvider time, ILogger<SmtpReceiver> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(judgement);
        _settings = settings;
        _mailboxes = mailboxes;
        _judgement = judgement;
        _dns = dns;
        _time = time;
        _logger = logger;
        judgement.StartTlsOffered = settings.Certificate is not null;
    }

    /// <summary>Where the listener is bound (with the real port when 0 was asked for).</summary>
    public IPEndPoint? LocalEndpoint => _listener?.LocalEndpoint as IPEndPoint;

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Binds <paramref name="endpoint"/> and starts accepting. Throws when the address cannot be bound.</summary>
    public void Start(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var listener = new TcpListener(endpoint);
        if (endpoint.Address.Equals(IPAddress.IPv6Any))
        {
            listener.Server.DualMode = true;
        }

        listener.Start(backlog: 128);
        _listener = listener;
        LogListening(_logger, LocalEndpoint!, _settings.Domain, _settings.Certificate?.Source ?? "no certificate: STARTTLS not offered");
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Stops accepting, tells open connections 421 (try later), waits for them and for running judgements.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_listener is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        var all = Task.WhenAll(_sessions.Keys.Append(_judgement.WhenIdleAsync()));
        await Task.WhenAny(all, Task.Delay(grace, _time)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(_logger, ex);
                continue;
            }

            var task = ServeAsync(client);
            _sessions[task] = 0;
            _ = task.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        await Task.Yield();
        using var tcp = client;
        tcp.NoDelay = true;
        var remote = (IPEndPoint)tcp.Client.RemoteEndPoint!;
        var local = (IPEndPoint)tcp.Client.LocalEndPoint!;
        var key = AddressKey(remote.Address);
        var total = Interlocked.Increment(ref _active);
        var mine = _perAddress.AddOrUpdate(key, 1, (_, n) => n + 1);
        try
        {
            var stream = tcp.GetStream();
            if (total > _settings.Options.MaxConnections)
            {
                LogRefused(_logger, remote.Address, "too many connections");
                await RefuseAsync(stream, $"421 4.3.2 {_settings.HostName} Error: too many connections; try again later\r\n").ConfigureAwait(false);
                return;
            }

            if (mine > _settings.Options.MaxConnectionsPerAddress)
            {
                LogRefused(_logger, remote.Address, "too many connections from one address");
                await RefuseAsync(stream, $"421 4.7.0 {_settings.HostName} Error: too many connections from your address; try again later\r\n").ConfigureAwait(false);
                return;
            }

            var session = new ReceiveSession(stream, remote, local, _settings, _mailboxes, _judgement, _dns, _time, _logger);
            await session.RunAsync(_stop.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One broken connection must never take the listener down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSessionFailed(_logger, ex, remote.Address);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            _perAddress.AddOrUpdate(key, 0, (_, n) => n - 1);
            _perAddress.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    private async Task RefuseAsync(NetworkStream stream, string reply)
    {
        using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), timer.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Gone already.
        }
    }

    /// <summary>The key a connection counts under: the IPv4 address, or the /64 of an IPv6 address (one host usually holds a whole /64).</summary>
    internal static string AddressKey(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Receiving mail for {Domain} on {Endpoint} (STARTTLS: {Certificate})")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint, string domain, string certificate);

    [LoggerMessage(EventId = 331, Level = LogLevel.Information, Message = "Refused a connection from {RemoteAddress}: {Reason}")]
    private static partial void LogRefused(ILogger logger, IPAddress remoteAddress, string reason);

    [LoggerMessage(EventId = 332, Level = LogLevel.Error, Message = "A receive connection from {RemoteAddress} failed inside MailCheck")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception, IPAddress remoteAddress);

    [LoggerMessage(EventId = 333, Level = LogLevel.Warning, Message = "Accepting a receive connection failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);
}
