using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Rig;

/// <summary>
/// The rig as the tests see it: its settings, Chromium (one browser, a fresh context per viewer), the slow SMTP
/// server and HTTP clients that go through nginx. Fails at once, with a message saying to run ./test.sh, when
/// the rig's environment variables are missing.
/// </summary>
public sealed class RigFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SlowSmtpServer? _slowServer;
    private X509Certificate2? _proxyCertificate;

    public RigSettings Settings { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not running.");

    public SlowSmtpServer SlowServer => _slowServer ?? throw new InvalidOperationException("The slow SMTP server is not running.");

    public Maildir Maildir => new(Settings.Maildir);

    public async Task InitializeAsync()
    {
        Settings = RigSettings.FromEnvironment();
        _proxyCertificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Settings.RigDir, "nginx", "tls.crt"));
        _slowServer = SlowSmtpServer.Start(Settings.SlowSmtp);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Settings.Chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A phone's screen, in CSS pixels (the size the dashboard's phone layout is checked at).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>
    /// A fresh browser context (its own cookies and storage: a different person) with one page; with
    /// <paramref name="viewport"/> narrower than 600 px it is a phone (touch, mobile viewport).
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(ViewportSize? viewport = null)
    {
        var phone = viewport is { Width: < 600 };
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true, // the rig's nginx has a certificate made at setup
            BaseURL = Settings.BaseUrl.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 720 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(30_000);
        return await BrowserSession.StartAsync(context);
    }

    /// <summary>
    /// An HttpClient for nginx that trusts exactly the rig's certificate. With <paramref name="sourceAddress"/> its
    /// connections come from that loopback address, so the client IP differs from nginx's own (127.0.0.1).
    /// </summary>
    public HttpClient CreateHttpClient(IPAddress? sourceAddress = null)
    {
        var certificate = _proxyCertificate ?? throw new InvalidOperationException("The rig is not initialised.");
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.Thumbprint,
            },
        };
        if (sourceAddress is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(sourceAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = Settings.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Accepts exactly the rig's nginx certificate (for the SignalR client's WebSocket).</summary>
    public bool IsRigCertificate(X509Certificate? certificate) =>
        certificate is not null && _proxyCertificate is not null && certificate.GetCertHashString() == _proxyCertificate.Thumbprint;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_slowServer is not null)
        {
            await _slowServer.DisposeAsync();
        }

        _proxyCertificate?.Dispose();
    }
}
