using System.Globalization;

namespace MailCheck.Web.Health;

/// <summary>
/// <c>dotnet MailCheck.Web.dll --health-check</c>: asks the running app on this machine for <c>/healthz/ready</c> and
/// exits 0 (ready) or 1, for a container HEALTHCHECK without curl. The port comes from <c>ASPNETCORE_HTTP_PORTS</c> or
/// <c>ASPNETCORE_URLS</c> (default 8080).
/// </summary>
public static class HealthCheckCommand
{
    public const string Switch = "--health-check";

    public static async Task<int> RunAsync()
    {
        var url = new Uri(LocalBase(), HealthEndpoints.ReadyPath.TrimStart('/'));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await client.GetAsync(url);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{url}: {(int)response.StatusCode}"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>http://127.0.0.1:PORT/ from the first HTTP port or URL the app listens on.</summary>
    internal static Uri LocalBase()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var first = ports?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        }

        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? Environment.GetEnvironmentVariable("URLS");
        var url = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (url is not null)
        {
            var builder = new UriBuilder(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (builder.Host is "0.0.0.0" or "localhost" or "[::]")
            {
                builder.Host = "127.0.0.1";
            }

            builder.Path = "/";
            return builder.Uri;
        }

        return new Uri("http://127.0.0.1:8080/");
    }
}
