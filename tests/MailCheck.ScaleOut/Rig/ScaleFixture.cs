using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;

namespace MailCheck.ScaleOut.Rig;

/// <summary>
/// Two MailCheck instances (A = mailcheck-1, B = mailcheck-2, HAProxy's server names) on the rig's PostgreSQL behind
/// the rig's HAProxy, the recording SMTP server and Chromium. Tests kill and stop instances; each test begins with
/// <see cref="EnsureBothUpAsync"/>, which starts again whatever a previous test took down.
/// </summary>
public sealed class ScaleFixture : IAsyncLifetime
{
    public const string CookieName = "MCSRV";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ScaleSettings Settings { get; private set; } = null!;

    public MailCheckInstance A { get; private set; } = null!;

    public MailCheckInstance B { get; private set; } = null!;

    public RecordingSmtpServer Smtp { get; private set; } = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not running.");

    public int SlowPort => Smtp.Port;

    public async Task InitializeAsync()
    {
        Settings = ScaleSettings.FromEnvironment();
        Smtp = RecordingSmtpServer.Start(Settings.SlowSmtp, Path.Combine(Settings.RigDir, "recording-smtp.log"));
        Database = NpgsqlDataSource.Create(Settings.Database);
        A = NewInstance("mailcheck-1", Settings.InstancePorts[0], Settings.Database);
        B = NewInstance("mailcheck-2", Settings.InstancePorts[1], Settings.Database);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Settings.Chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });

        // Both at once on the empty database: the migration lock lets one apply, the other wait and find none.
        A.Start();
        B.Start();
        await EnsureBothUpAsync();
        // "Applied {Count} database migrations" (DatabaseMigrator): however many the migration set holds by now.
        MigratedAtStart = new[] { A, B }.Where(i => System.Text.RegularExpressions.Regex.IsMatch(i.Output, @"Applied [1-9][0-9]* database migrations")).Select(i => i.Name).ToList();
    }

    /// <summary>Which of the two instances, started together on the empty database, applied the migrations.</summary>
    public IReadOnlyList<string> MigratedAtStart { get; private set; } = [];

    /// <summary>An instance of this rig (not started). <paramref name="extra"/> overrides the defaults.</summary>
    public MailCheckInstance NewInstance(string name, int port, string database, IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["MailCheck__Storage__Provider"] = "Postgres",
            ["ConnectionStrings__MailCheck"] = database,
            ["MailCheck__Scale__InstanceId"] = name,
            ["MailCheck__Dns__Servers__0"] = Settings.Dns,
            ["MailCheck__ReverseProxy__KnownProxies__0"] = "127.0.0.1",
            ["MailCheck__Safety__AllowedNetworks__0"] = "127.0.0.0/8",
            ["MailCheck__Safety__AllowedPorts__0"] = "25",
            ["MailCheck__Safety__AllowedPorts__1"] = IPEndPoint.Parse(Settings.SlowSmtp).Port.ToString(CultureInfo.InvariantCulture),
            ["MailCheck__Smtp__EhloName"] = "mailcheck-scale.localhost",
            ["MailCheck__Smtp__DefaultFrom"] = "mailcheck@mailcheck-scale.localhost",
            ["MailCheck__Smtp__InstanceName"] = $"MailCheck {name}",
            ["MailCheck__Smtp__ConnectTimeout"] = "00:00:05",
            ["MailCheck__Limits__PerClient__Limit"] = "1000",
            ["MailCheck__Limits__PerDomain__Limit"] = "1000",
            ["MailCheck__Limits__MaxConcurrentChecks"] = "2",
            ["MailCheck__ShutdownGrace"] = "00:00:20",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return new MailCheckInstance(name, port, Settings.PublishDir, env);
    }

    /// <summary>Starts A and B where needed and waits until each is ready and HAProxy sends its pinned requests to it.</summary>
    public async Task EnsureBothUpAsync()
    {
        foreach (var instance in new[] { A, B }.Where(i => !i.IsRunning))
        {
            instance.Start();
        }

        await Task.WhenAll(A.WaitReadyAsync(TimeSpan.FromSeconds(90)), B.WaitReadyAsync(TimeSpan.FromSeconds(90)));
        foreach (var instance in new[] { A, B })
        {
            await WaitUntilBalancerServesAsync(instance, TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Waits until a request pinned to <paramref name="instance"/> through HAProxy is answered by it.</summary>
    public async Task WaitUntilBalancerServesAsync(MailCheckInstance instance, TimeSpan bound)
    {
        using var client = Balancer(instance);
        var deadline = DateTime.UtcNow + bound;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(last).RootElement.GetProperty("instance").GetString() == instance.Name)
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"HAProxy did not send requests pinned to {instance.Name} to it within {bound.TotalSeconds:0} s (last: {last}).");
    }

    /// <summary>
    /// A client of the balancer; pinned to <paramref name="instance"/> with HAProxy's cookie on every request (a
    /// Set-Cookie from a redispatch does not move it), or not pinned.
    /// </summary>
    public HttpClient Balancer(MailCheckInstance? instance = null, IPAddress? source = null)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false };
        if (source is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        var client = new HttpClient(handler) { BaseAddress = Settings.BalancerUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (instance is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={instance.Name}");
        }

        return client;
    }

    /// <summary>The instance holding (or that held) a check, from the database.</summary>
    public async Task<string?> OwnerOfAsync(string checkId)
    {
        await using var command = Database.CreateCommand("SELECT \"Owner\" FROM \"Checks\" WHERE \"Id\" = @id");
        command.Parameters.AddWithValue("id", checkId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>A new, empty database on the rig's server (the rig's role may create databases).</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "mailcheck_" + Guid.NewGuid().ToString("N")[..12];
        await using (var create = Database.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Settings.Database) { Database = name }.ConnectionString;
    }

    public MailCheckInstance Other(MailCheckInstance instance) => ReferenceEquals(instance, A) ? B : A;

    public MailCheckInstance ByName(string name) => A.Name == name ? A : B.Name == name ? B : throw new ArgumentException(name);

    /// <summary>A fresh browser context (a different person) whose requests are pinned to <paramref name="instance"/>.</summary>
    public async Task<IBrowserContext> NewBrowserContextAsync(MailCheckInstance instance)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Settings.BalancerUrl.ToString() });
        context.SetDefaultTimeout(30_000);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = CookieName, Value = instance.Name, Url = Settings.BalancerUrl.ToString() }]);
        return context;
    }

    /// <summary>Both instances' recent output, for failure messages.</summary>
    public string Logs() => $"{A.Output}\n{B.Output}";

    public async Task DisposeAsync()
    {
        foreach (var instance in new[] { A, B }.Where(i => i is not null))
        {
            try
            {
                await File.WriteAllTextAsync(Path.Combine(Settings.RigDir, "app", $"scale-{instance.Name}.log"), instance.Output);
            }
            catch (IOException)
            {
            }

            await instance.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
