using System.Globalization;
using System.Net;

namespace MailCheck.Web.Hosting;

/// <summary>
/// <c>dotnet MailCheck.Web.dll --health-check</c>: asks the running instance's <c>/healthz/ready</c> on 127.0.0.1
/// and exits 0 (ready) or 1. Used by the Dockerfile's HEALTHCHECK, so the image needs no curl. Runs before the web
/// host is built: it reads only the port (<c>ASPNETCORE_URLS</c> / <c>ASPNETCORE_HTTP_PORTS</c>, default 8080) and
/// <c>MailCheck:PathBase</c>, and writes nothing.
/// </summary>
public static class HealthCheckCommand
{
    public const string Switch = "--health-check";
    public const int DefaultPort = 8080;

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(3);

    public static bool IsRequested(IEnumerable<string> args) =>
        args.Any(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        Uri target;
        string? host;
        try
        {
            var configuration = ReadConfiguration(args);
            target = TargetUri(configuration);
            host = HostHeader(configuration);
        }
        catch (FormatException ex)
        {
            await output.WriteLineAsync($"health check: {ex.Message}");
            return 1;
        }

        // No proxy: HTTP_PROXY in a container's environment is for outbound traffic, not for this loopback call.
        using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            if (host is not null)
            {
                request.Headers.Host = host;
            }

            using var response = await http.SendAsync(request, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"health check: {target} answered {(int)response.StatusCode}"));
            return response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"health check: {target} failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The same sources as the web host (appsettings, environment, command line), nothing else.</summary>
    internal static IConfiguration ReadConfiguration(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var root = Directory.GetCurrentDirectory();
        return new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => !string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase)).ToArray())
            .Build();
    }

    /// <summary>http://127.0.0.1:PORT/PATHBASE/healthz/ready, from <c>urls</c>, else <c>http_ports</c>, else 8080.</summary>
    internal static Uri TargetUri(IConfiguration configuration)
    {
        var pathBase = (configuration[$"{MailCheckWebOptions.SectionName}:{nameof(MailCheckWebOptions.PathBase)}"] ?? "").TrimEnd('/');
        var (host, port) = Endpoint(configuration);
        return new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}{pathBase}{HealthEndpoints.ReadyPath}");
    }

    /// <summary>
    /// A Host header that passes ASP.NET's host filtering: null (the address itself) when <c>AllowedHosts</c> is
    /// <c>*</c> or unset, otherwise its first entry (<c>*.example.org</c> becomes <c>health.example.org</c>).
    /// </summary>
    internal static string? HostHeader(IConfiguration configuration)
    {
        var first = (configuration["AllowedHosts"] ?? "*")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        return first is null or "*" ? null : first.StartsWith("*.", StringComparison.Ordinal) ? "health" + first[1..] : first;
    }

    private static (string Host, int Port) Endpoint(IConfiguration configuration)
    {
        // As in Kestrel: URLS wins over HTTP_PORTS when both are set.
        var urls = configuration["urls"];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // "http://+:8080" and "http://*:8080" are not valid URIs: give them a host first.
                var authority = url["http://".Length..].Split('/', 2)[0];
                var separator = authority.LastIndexOf(':');
                var host = separator < 0 ? authority : authority[..separator];
                var port = separator < 0 || authority.EndsWith(']')
                    ? 80
                    : int.TryParse(authority[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                        ? p
                        : throw new FormatException($"ASPNETCORE_URLS: cannot read a port in '{url}'.");
                return (LoopbackFor(host), port);
            }
        }

        var ports = configuration["http_ports"];
        if (!string.IsNullOrWhiteSpace(ports))
        {
            var first = ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? ("127.0.0.1", port)
                : throw new FormatException($"ASPNETCORE_HTTP_PORTS: '{first}' is not a port.");
        }

        return ("127.0.0.1", DefaultPort);
    }

    /// <summary>A wildcard or name binds loopback too; a specific address must be asked on that address.</summary>
    private static string LoopbackFor(string host)
    {
        var bare = host.Trim('[', ']');
        if (host is "" or "*" or "+" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || !IPAddress.TryParse(bare, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "127.0.0.1";
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bare}]" : bare;
    }
}
