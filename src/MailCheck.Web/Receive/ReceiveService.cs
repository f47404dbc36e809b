using System.Security.Cryptography;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Receive;
using MailCheck.Core.Smtp;
using MailCheck.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Receive;

/// <summary>
/// Receive mode in the web host, when <c>MailCheck:Receive:Domain</c> is set: binds the SMTP listener at start-up (a
/// port that cannot be bound stops MailCheck with a clear line), and every few seconds ends the checks whose wait ran
/// out (<c>timeout</c>) and judges again any stored message whose verdicts a stopped process never finished. Several
/// instances may all run it: every step is a conditional update, so each check is ended or judged once.
/// </summary>
public sealed partial class ReceiveService(
    IOptions<ReceiveOptions> options,
    IOptions<SmtpOptions> smtp,
    IOptions<MailCheckWebOptions> web,
    IReceiveMailboxes mailboxes,
    ReceiveJudgement judgement,
    ReceiveStore store,
    IDnsQuerier dns,
    ReceiveCertificateLocation certificates,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>How often the sweep looks for checks whose wait ran out.</summary>
    public static TimeSpan SweepInterval { get; } = TimeSpan.FromSeconds(5);

    private readonly ILogger<ReceiveService> _logger = loggers.CreateLogger<ReceiveService>();
    private SmtpReceiver? _receiver;
    private ReceiveCertificate? _certificate;

    /// <summary>Where the listener is bound (null when receive mode is off).</summary>
    public System.Net.IPEndPoint? Endpoint => _receiver?.LocalEndpoint;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var receive = options.Value;
        if (!receive.Enabled)
        {
            return;
        }

        var hostName = smtp.Value.EhloName;
        _certificate = LoadCertificate(receive, hostName);
        if (!ReceiveEndpoint.TryParse(receive.Listen, out var endpoint, out var listenError))
        {
            throw new OptionsValidationException(ReceiveOptions.SectionName, typeof(ReceiveOptions), [$"{ReceiveOptions.SectionName}:Listen {listenError}"]);
        }

        _receiver = new SmtpReceiver(ReceiveServerSettings.From(receive, hostName, _certificate), mailboxes, judgement, dns, time, loggers.CreateLogger<SmtpReceiver>());
        try
        {
            _receiver.Start(endpoint);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new OptionsValidationException(ReceiveOptions.SectionName, typeof(ReceiveOptions), [
                $"{ReceiveOptions.SectionName}:Listen: cannot listen on {receive.Listen} ({ex.Message})."]);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_receiver is not null)
        {
            await _receiver.StopAsync(web.Value.ShutdownGrace);
        }

        await base.StopAsync(cancellationToken);
        _certificate?.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Ends the checks whose wait ran out, and judges stored messages nobody is judging. Public for tests.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var wait = Words(options.Value.Wait);
        foreach (var id in await store.ExpiredAsync(100, cancellationToken))
        {
            if (await store.CloseAsync(
                id,
                CheckOutcome.Timeout,
                $"No message arrived within {Words(options.Value.Wait)}: the address takes none from now on.",
                $"Timed out: no message arrived within {Words(options.Value.Wait)}",
                cancellationToken))
            {
                LogTimedOut(_logger, id, wait);
            }
        }

        while (await store.TakeStrandedAsync($"sweep:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", time.GetUtcNow() + TimeSpan.FromMinutes(3), cancellationToken) is { } stranded)
        {
            LogRejudging(_logger, stranded.Recording.CheckId);
            await judgement.JudgeStoredAsync(stranded.Recording, stranded.Envelope, stranded.Message);
        }
    }

    /// <summary>"30 minutes", "1 hour", "90 seconds".</summary>
    public static string Words(TimeSpan wait) =>
        wait.TotalHours >= 1 && wait.TotalHours == Math.Floor(wait.TotalHours) ? $"{wait.TotalHours:0} hour{(wait.TotalHours == 1 ? "" : "s")}"
        : wait.TotalMinutes >= 1 && wait.TotalMinutes == Math.Floor(wait.TotalMinutes) ? $"{wait.TotalMinutes:0} minute{(wait.TotalMinutes == 1 ? "" : "s")}"
        : $"{wait.TotalSeconds:0} seconds";

    private ReceiveCertificate? LoadCertificate(ReceiveOptions receive, string hostName)
    {
        if (!string.IsNullOrWhiteSpace(receive.CertificateFile))
        {
            try
            {
                return ReceiveCertificate.LoadOrCreate(receive, hostName, certificates.Directory, time);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException)
            {
                throw new OptionsValidationException(ReceiveOptions.SectionName, typeof(ReceiveOptions), [
                    $"{ReceiveOptions.SectionName}:CertificateFile: '{receive.CertificateFile}' (with KeyFile '{receive.KeyFile}') is not a readable PEM certificate and key ({ex.Message})."]);
            }
        }

        try
        {
            return ReceiveCertificate.LoadOrCreate(receive, hostName, certificates.Directory, time);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            LogNoCertificate(_logger, ex, certificates.Directory);
            return null;
        }
    }

    [LoggerMessage(EventId = 350, Level = LogLevel.Information, Message = "Receive check {CheckId} timed out: no message within {Wait}")]
    private static partial void LogTimedOut(ILogger logger, string checkId, string wait);

    [LoggerMessage(EventId = 351, Level = LogLevel.Warning, Message = "Receive check {CheckId}: judging a stored message whose verdicts were never finished")]
    private static partial void LogRejudging(ILogger logger, string checkId);

    [LoggerMessage(EventId = 352, Level = LogLevel.Warning, Message = "The receive sweep failed; it runs again shortly")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 353, Level = LogLevel.Warning, Message = "No STARTTLS for receive mode: the self-signed certificate could not be made or kept in {Directory}")]
    private static partial void LogNoCertificate(ILogger logger, Exception exception, string directory);
}
