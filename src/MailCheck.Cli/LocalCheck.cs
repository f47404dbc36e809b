using System.Globalization;
using System.Text.Json;
using MailCheck.Core;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Documents;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailCheck.Cli;

/// <summary>
/// Runs a check from this machine with Core's engine on a generic host, configured like the app
/// (<c>MailCheck__*</c> environment variables) plus the flags; the safety policy applies as in the app.
/// </summary>
public sealed class LocalCheck(CliSettings settings, TextWriter output, ConsoleStyle style)
{
    /// <summary>Builds the host; configuration errors (from the environment) throw <see cref="OptionsValidationException"/>.</summary>
    public IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "mailcheck",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(FlagSettings(builder.Configuration));
        // The transcript says what happened; the log is for mailcheck's own failures only.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddMailCheckCore();
        if (settings.DnsServers.Count > 0)
        {
            builder.Services.PostConfigure<DnsOptions>(o =>
            {
                o.Servers.Clear();
                foreach (var server in settings.DnsServers)
                {
                    o.Servers.Add(server);
                }
            });
        }

        if (settings.Timeout is { } timeout)
        {
            builder.Services.PostConfigure<SmtpOptions>(o =>
            {
                o.CheckTimeout = timeout;
                o.CommandTimeout = o.CommandTimeout > timeout ? timeout : o.CommandTimeout;
                o.ConnectTimeout = o.ConnectTimeout > timeout ? timeout : o.ConnectTimeout;
            });
        }

        var host = builder.Build();
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }

    /// <summary>Runs <paramref name="request"/> (validated) and returns the exit status.</summary>
    public async Task<int> RunAsync(IHost host, CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(request);
        var engine = host.Services.GetRequiredService<ICheckEngine>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var writer = new TranscriptWriter(output, style, RedactedRequest.Of(request));
        var id = CheckId.New();
        var created = time.GetUtcNow();
        if (!settings.Json && !settings.Quiet)
        {
            writer.Header(Header(request));
        }

        var events = new List<CheckEvent>();
        await foreach (var e in engine.RunAsync(id, request, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
            if (!settings.Json && !settings.Quiet)
            {
                writer.Write(e);
            }
        }

        var result = CheckEvents.Result(events) ?? throw new InvalidOperationException("The check ended without an outcome.");
        if (settings.Json)
        {
            var document = CheckDocument.From(
                new CheckSnapshot
                {
                    Id = id,
                    Status = CheckStatus.Finished,
                    Outcome = result.Outcome,
                    Summary = result.Summary,
                    CreatedAt = created,
                    StartedAt = created,
                    FinishedAt = events[^1].At,
                    Request = RedactedRequest.Of(request),
                    Events = events,
                },
                url: null);
            await output.WriteLineAsync(JsonSerializer.Serialize(document, CheckJson.Options)).ConfigureAwait(false);
        }
        else if (settings.Quiet)
        {
            writer.Outcome(result);
        }

        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.For(result.Outcome);
    }

    internal static string Header(CheckRequest request) => string.Create(
        CultureInfo.InvariantCulture,
        $"mailcheck: {request.Domain} ({request.Mode.ToString().ToLowerInvariant()}{(request.Scope == CheckScope.All ? ", every MX" : "")}, port {request.Port}, TLS {request.Tls.ToString().ToLowerInvariant()})");

    /// <summary>The flags as configuration keys, added after the environment's (allowances add to what it allows).</summary>
    private Dictionary<string, string?> FlagSettings(ConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var networks = configuration.GetSection($"{SafetyOptions.SectionName}:AllowedNetworks").GetChildren().ToList();
        var next = networks.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i + 1 : 0).DefaultIfEmpty(0).Max();
        foreach (var network in settings.AllowNetworks)
        {
            values[$"{SafetyOptions.SectionName}:AllowedNetworks:{next++}"] = network;
        }

        if (settings.AllowPorts.Count > 0)
        {
            var configured = configuration.GetSection($"{SafetyOptions.SectionName}:AllowedPorts").Get<List<int>>();
            var ports = (configured is { Count: > 0 } ? configured : [.. SafetyOptions.DefaultAllowedPorts]).Concat(settings.AllowPorts).Distinct().ToList();
            for (var i = 0; i < ports.Count; i++)
            {
                values[$"{SafetyOptions.SectionName}:AllowedPorts:{i}"] = ports[i].ToString(CultureInfo.InvariantCulture);
            }
        }

        return values;
    }
}
