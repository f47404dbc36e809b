using MailCheck.Core.Checks;
using MailCheck.Core.Net;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Smtp;

/// <summary>
/// The SMTP conversation: every address of every MX in order until one greets, then banner, EHLO, STARTTLS, AUTH,
/// MAIL, RCPT, DATA, QUIT as far as the mode goes (<see cref="CheckScope.First"/>); or every address of every MX at
/// once, each its own attempt (<see cref="CheckScope.All"/>). Decides the check's delivery outcome. Every connection
/// holds a slot of the process-wide <see cref="RemoteAddressLimiter"/> while it is open.
/// </summary>
public sealed partial class SmtpStage : ICheckStage
{
    private readonly IConnector _connector;
    private readonly ITargetPolicy _policy;
    private readonly RemoteAddressLimiter _limiter;
    private readonly SmtpOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SmtpStage> _logger;
    private readonly CertificateTrust _trust;

    /// <param name="trust">Which certificates are trusted (default: the system's store only).</param>
    public SmtpStage(IConnector connector, ITargetPolicy policy, RemoteAddressLimiter limiter, IOptions<SmtpOptions> options, TimeProvider timeProvider, ILogger<SmtpStage> logger, CertificateTrust? trust = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _connector = connector;
        _policy = policy;
        _limiter = limiter;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _trust = trust ?? CertificateTrust.SystemOnly;
    }

    public string Name => "smtp";

    public CheckPhase Phase => CheckPhase.Conversation;

    public int Order => 0;

    public bool IsPosture => false;

    public IReadOnlyList<string> ScorecardIds => [];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is not null)
        {
            return;
        }

        var plan = context.Plan with { Dane = context.Get<Dane.DaneLookup>() };
        context.Result = context.Request.Scope == CheckScope.All
            ? await TestEveryTargetAsync(plan, context.Hosts, context.Sink, context.Progress, cancellationToken).ConfigureAwait(false)
            : await ConnectAndConverseAsync(plan, context.Hosts, context.Sink, context.Progress, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Check {CheckId} connecting to {Host} {Address} port {Port}")]
    private partial void LogConnecting(string checkId, string host, string address, int port);
}
