using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Cli;

/// <summary>
/// <c>--server</c>: submits the check to a running MailCheck (<c>POST /api/checks</c>), streams its events from the
/// <c>/hubs/checks</c> hub (<c>Watch(id)</c>), prints the share link; <c>--json</c> prints the server's own document.
/// The server fills in its own defaults (sender, EHLO name) and applies its own safety policy and limits.
/// </summary>
public sealed class ServerCheck(CliSettings settings, TextWriter output, TextWriter error, ConsoleStyle style)
{
    private static readonly JsonSerializerOptions SubmitJson = new(CheckJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="input">The request as given (the server fills in its own defaults).</param>
    /// <param name="expected">The request as completed and validated here: how to print it (an every-MX check gets its matrix).</param>
    /// <param name="cancellationToken">Stops watching (the check goes on at the server).</param>
    public async Task<int> RunAsync(CheckRequestInput input, CheckRequest expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(expected);
        var server = settings.Server!;
        using var http = new HttpClient { BaseAddress = server, Timeout = RequestTimeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("mailcheck-cli/" + typeof(ServerCheck).Assembly.GetName().Version?.ToString(3));
        if (input.Auth is not null && server.Scheme == Uri.UriSchemeHttp && !settings.ServerIsLocal)
        {
            await error.WriteLineAsync($"mailcheck: warning: {server} is plain http: the AUTH password travels unencrypted to the server.").ConfigureAwait(false);
        }

        var (id, link, failure) = await SubmitAsync(http, input, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure.Value;
        }

        var writer = new TranscriptWriter(output, style, RedactedRequest.Of(expected));
        if (!settings.Json && !settings.Quiet)
        {
            writer.Header($"mailcheck: {input.Domain ?? input.To?[0]} on {server} — {link}");
        }

        CheckResult? result = null;
        await using (var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "hubs/checks"), o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling)
            .AddJsonProtocol(o => CheckJson.Configure(o.PayloadSerializerOptions))
            .Build())
        {
            try
            {
                await hub.StartAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var received in hub.StreamAsync<CheckDocumentEvent>("Watch", id, cancellationToken).ConfigureAwait(false))
                {
                    var e = received.ToCheckEvent();
                    result = CheckEvents.ResultOf(e) ?? result;
                    if (result is not null && !settings.Json)
                    {
                        writer.Note($"Link: {link}");
                    }

                    if (!settings.Json && !settings.Quiet)
                    {
                        writer.Write(e);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"mailcheck: stopped watching; the check goes on at {link}").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }
            catch (Exception ex) when (ex is HttpRequestException or HubException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
            {
                await error.WriteLineAsync($"mailcheck: the stream from {server} broke ({ex.Message}); the check is at {link}").ConfigureAwait(false);
                return ExitCodes.ServerUnavailable;
            }
        }

        if (result is null)
        {
            await error.WriteLineAsync($"mailcheck: {server} ended the stream without an outcome; the check is at {link}").ConfigureAwait(false);
            return ExitCodes.ServerUnavailable;
        }

        if (settings.Json)
        {
            try
            {
                // The server's own bytes: exactly GET /api/checks/{id}.
                var document = await http.GetStringAsync(new Uri($"api/checks/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(document).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                await error.WriteLineAsync($"mailcheck: could not read the check's document from {server} ({ex.Message}); it is at {link}").ConfigureAwait(false);
                return ExitCodes.ServerUnavailable;
            }
        }
        else if (settings.Quiet)
        {
            writer.Outcome(result);
        }

        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.For(result.Outcome);
    }

    private async Task<(string Id, string Link, int? Failure)> SubmitAsync(HttpClient http, CheckRequestInput input, CancellationToken cancellationToken)
    {
        var body = new SubmitRequest(
            input.Domain, input.From, input.To, input.Subject, input.Body, input.Mode, input.Port, input.Tls, input.Scope, input.EhloName,
            input.Auth is null ? null : new SubmitAuth(input.Auth.Username, input.Auth.Password),
            input.Posture,
            input.DkimSelectors);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri("api/checks", UriKind.Relative), body, SubmitJson, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"mailcheck: cannot reach {settings.Server}: {ex.Message}").ConfigureAwait(false);
            return ("", "", ExitCodes.ServerUnavailable);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Accepted && TryRead(text, out var created))
            {
                return (created.Id, created.Url, null);
            }

            var (title, errors, retry) = Problem(text, response);
            var (code, prefix) = response.StatusCode switch
            {
                HttpStatusCode.BadRequest when errors.Count > 0 => (ExitCodes.Usage, "the server refused the request"),
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => (ExitCodes.ServerBusy, "the server is busy"),
                HttpStatusCode.Forbidden => (ExitCodes.ServerRefused, "the server refused the check"),
                _ => (ExitCodes.ServerUnavailable, $"{settings.Server} did not take the check (HTTP {(int)response.StatusCode}; is it a MailCheck?)"),
            };
            await error.WriteLineAsync($"mailcheck: {prefix}: {title}{retry}").ConfigureAwait(false);
            foreach (var (field, message) in errors)
            {
                await error.WriteLineAsync($"  {FieldFlags.For(field, settings)}: {message}").ConfigureAwait(false);
            }

            return ("", "", code);
        }
    }

    private static bool TryRead(string text, out Created created)
    {
        try
        {
            created = JsonSerializer.Deserialize<Created>(text, CheckJson.Options)!;
            return created is { Id.Length: > 0, Url.Length: > 0 };
        }
        catch (JsonException)
        {
            created = new Created("", "");
            return false;
        }
    }

    /// <summary>The title, field errors and Retry-After of an RFC 9457 problem answer (or the status line).</summary>
    private static (string Title, List<(string Field, string Message)> Errors, string Retry) Problem(string text, HttpResponseMessage response)
    {
        var title = response.ReasonPhrase ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var errors = new List<(string, string)>();
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (problem.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    title = t.GetString()!;
                }

                if (problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    title += " " + d.GetString();
                }

                if (problem.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        foreach (var message in field.Value.EnumerateArray())
                        {
                            errors.Add((field.Name, message.GetString() ?? ""));
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the status line says enough.
        }

        var retry = response.Headers.RetryAfter?.Delta is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $" (retry after {wait.TotalSeconds:0} s)")
            : "";
        return (title, errors, retry);
    }

    private sealed record Created(string Id, string Url);

    private sealed record SubmitAuth(string Username, string Password);

    /// <summary>The body of <c>POST /api/checks</c>; what is null is left to the server's defaults.</summary>
    private sealed record SubmitRequest(
        string? Domain,
        string? From,
        IReadOnlyList<string>? To,
        string? Subject,
        string? Body,
        CheckMode? Mode,
        int? Port,
        TlsPolicy? Tls,
        CheckScope? Scope,
        string? EhloName,
        SubmitAuth? Auth,
        bool? Posture,
        IReadOnlyList<string>? DkimSelectors);
}
