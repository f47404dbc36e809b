using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailCheck.Benchmarks.Rig;

/// <summary>The app's HTTP API as a script uses it: submit (waiting politely while the queue is full), read, list.</summary>
internal sealed class AppClient : IDisposable
{
    private readonly HttpClient _http;

    public AppClient(string baseUrl)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>A probe of <paramref name="to"/> on <paramref name="port"/>.</summary>
    public static JsonObject Probe(string to, int port, bool posture, string mode = "probe") => new()
    {
        ["to"] = new JsonArray(to),
        ["from"] = "bench@bench.test",
        ["mode"] = mode,
        ["port"] = port,
        ["tls"] = "none",
        ["posture"] = posture,
    };

    /// <summary>Submits; on 503 (queue full) waits a little and tries again. Returns the id.</summary>
    public async Task<string> SubmitAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var body = request.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync("api/checks", content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var created = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
                return created!["id"]!.GetValue<string>();
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt > 100_000)
            {
                throw new InvalidOperationException($"POST api/checks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<JsonObject> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<JsonObject>(path, cancellationToken).ConfigureAwait(false))!;

    public async Task<JsonObject> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<JsonObject>($"api/checks/{id}", cancellationToken).ConfigureAwait(false))!;

    /// <summary>Waits until the check is finished; returns its document.</summary>
    public async Task<JsonObject> WaitFinishedAsync(string id, TimeSpan pollEvery, CancellationToken cancellationToken)
    {
        while (true)
        {
            var check = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (check["status"]?.GetValue<string>() == "finished")
            {
                return check;
            }

            await Task.Delay(pollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The newest <paramref name="count"/> checks (status and outcome), in pages of 500.</summary>
    public async Task<List<(string Id, string Status, string? Outcome)>> NewestAsync(int count, CancellationToken cancellationToken)
    {
        var all = new List<(string, string, string?)>(count);
        for (var offset = 0; offset < count; offset += 500)
        {
            var page = (await _http.GetFromJsonAsync<JsonObject>($"api/checks?limit={Math.Min(500, count - offset)}&offset={offset}", cancellationToken).ConfigureAwait(false))!;
            foreach (var item in page["items"]!.AsArray())
            {
                all.Add((item!["id"]!.GetValue<string>(), item["status"]!.GetValue<string>(), item["outcome"]?.GetValue<string>()));
            }
        }

        return all;
    }

    public async Task<(HttpStatusCode Status, double Ms, long Bytes)> TimeGetAsync(string path, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).LongLength;
        return (response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, bytes);
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public void Dispose() => _http.Dispose();
}
