using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace MailCheck.Testing.Smtp;

/// <summary>
/// A real SMTP server (NuGet <c>SmtpServer</c>) in-process on one or more loopback addresses sharing one port,
/// with STARTTLS (self-signed certificate), optional AUTH PLAIN/LOGIN, recipient rules (e.g. <c>unknown@</c> gets
/// 550 5.1.1) and a store of every message received.
/// </summary>
/// <example>
/// <code>
/// await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
/// {
///     Addresses = [IPAddress.Parse("127.0.0.3")],
/// });
/// // ... run a check against port smtp.Port ...
/// var message = await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10));
/// Assert.Equal(checkId, message.Header("X-MailCheck-Check"));
/// </code>
/// </example>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly SmtpServerHost _server;
    private readonly RecordingMessageStore _store;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _sessions;

    private TestSmtpServer(SmtpServerHost server, RecordingMessageStore store, int port, IReadOnlyList<IPAddress> addresses, X509Certificate2? certificate)
    {
        _server = server;
        _store = store;
        Port = port;
        Addresses = addresses;
        Certificate = certificate;
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
    }

    /// <summary>The port every address listens on.</summary>
    public int Port { get; }

    /// <summary>The addresses listened on.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The endpoints listened on.</summary>
    public IReadOnlyList<IPEndPoint> EndPoints => [.. Addresses.Select(a => new IPEndPoint(a, Port))];

    /// <summary>The TLS certificate, when TLS is on.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>How many SMTP sessions (connections) the server has started.</summary>
    public int SessionCount => Volatile.Read(ref _sessions);

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages => _store.Messages;

    /// <summary>Starts a server and returns once every address is listening.</summary>
    public static async Task<TestSmtpServer> StartAsync(TestSmtpServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestSmtpServerOptions();
        if (options.Addresses.Count == 0)
        {
            throw new ArgumentException("Give at least one address.", nameof(options));
        }

        var port = options.Port != 0 ? options.Port : PortFreeOnAll(options.Addresses);
        var certificate = options.StartTls || options.ImplicitTls
            ? options.Certificate ?? TestCertificates.CreateSelfSigned(options.ServerName)
            : null;

        var builder = new SmtpServerOptionsBuilder()
            .ServerName(options.ServerName)
            .MaxAuthenticationAttempts(3)
            .CommandWaitTimeout(TimeSpan.FromSeconds(60));
        if (options.MaxMessageSize > 0)
        {
            builder = builder.MaxMessageSize(options.MaxMessageSize, MaxMessageSizeHandling.Strict);
        }

        foreach (var address in options.Addresses)
        {
            builder = builder.Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(address, port))
                    .IsSecure(options.ImplicitTls)
                    .AllowUnsecureAuthentication(options.AllowUnsecureAuthentication)
                    .AuthenticationRequired(false);
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate);
                }
            });
        }

        var store = new RecordingMessageStore();
        var listeners = new EndpointListenerFactory();
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, _) =>
        {
            if (Interlocked.Increment(ref started) == options.Addresses.Count)
            {
                allStarted.TrySetResult();
            }
        };

        var services = new SmtpServiceProvider();
        services.Add(store);
        services.Add(new RuleMailboxFilter(options));
        services.Add(new TestCommandFactory(options.EnhancedStatusCodes));
        services.Add(listeners);
        if (options.Credentials is { } credentials)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) =>
                string.Equals(user, credentials.Username, StringComparison.Ordinal)
                && string.Equals(password, credentials.Password, StringComparison.Ordinal)));
        }

        var server = new TestSmtpServer(new SmtpServerHost(builder.Build(), services), store, port, options.Addresses, certificate);
        server._running = server._server.StartAsync(server._stop.Token);

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(StartTimeout);
        var first = await Task.WhenAny(allStarted.Task, server._running, Task.Delay(Timeout.Infinite, bounded.Token)).ConfigureAwait(false);
        if (first != allStarted.Task)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            if (first == server._running)
            {
                await first.ConfigureAwait(false); // surfaces the bind error
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"The SMTP server did not start listening on {string.Join(", ", options.Addresses)}:{port} within {StartTimeout.TotalSeconds} s.");
        }

        return server;
    }

    /// <summary>Waits (bounded) for the first message that matches <paramref name="predicate"/> (any message when null).</summary>
    /// <exception cref="TimeoutException">No such message arrived within <paramref name="timeout"/>.</exception>
    public Task<ReceivedMessage> WaitForMessageAsync(TimeSpan timeout, Func<ReceivedMessage, bool>? predicate = null, CancellationToken cancellationToken = default) =>
        _store.WaitAsync(predicate ?? (_ => true), timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _server.Shutdown();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
        Certificate?.Dispose();
    }

    private static int PortFreeOnAll(IReadOnlyList<IPAddress> addresses)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreePort.Tcp(addresses[0]);
            if (addresses.Skip(1).All(a => IsFree(a, port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No port free on all of {string.Join(", ", addresses)}.");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
