using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Core.Receive;
using MailCheck.Web.Data;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Receive;

/// <summary>
/// Receive checks for the front ends: whether this instance offers them, making one (its address), stopping one that
/// waits, and what the page and the API show of it.
/// </summary>
public sealed partial class ReceiveChecks(ReceiveStore store, IOptions<ReceiveOptions> options, ILogger<ReceiveChecks> logger)
{
    /// <summary>What the form and the API say when receive mode is off.</summary>
    public const string NotConfiguredMessage = "Receiving is not set up on this MailCheck: its operator sets MailCheck:Receive:Domain (and an MX record pointing here) to turn it on.";

    /// <summary>True when this instance hands out addresses.</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>The receive domain in ASCII.</summary>
    public string Domain => DomainName.ToAscii(options.Value.Domain!.Trim());

    /// <summary>How long a new check waits.</summary>
    public TimeSpan Wait => options.Value.Wait;

    /// <summary>Records a new waiting check with a fresh address.</summary>
    public async Task<ReceiveMailboxView> CreateAsync(string checkId, CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = await store.CreateAsync(checkId, RedactedRequest.Of(request), Domain, Wait, cancellationToken);
        LogWaiting(logger, checkId, Wait);
        return view;
    }

    public Task<ReceiveMailboxView?> GetAsync(string checkId, CancellationToken cancellationToken) => store.GetAsync(checkId, cancellationToken);

    public Task<(ReceivedEnvelope Envelope, byte[] Message)?> GetMessageAsync(string checkId, CancellationToken cancellationToken) =>
        store.GetMessageAsync(checkId, cancellationToken);

    /// <summary>Stops a waiting check (outcome cancelled). False when it no longer waits or a message is arriving now.</summary>
    public async Task<bool> CancelAsync(string checkId, CancellationToken cancellationToken)
    {
        var done = await store.CloseAsync(
            checkId,
            CheckOutcome.Cancelled,
            "Stopped waiting: the check was cancelled. The address takes no message from now on.",
            "Cancelled: stopped waiting before a message arrived",
            cancellationToken);
        if (done)
        {
            LogCancelled(logger, checkId);
        }

        return done;
    }

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Receive check {CheckId} waits for a message for {Wait}")]
    private static partial void LogWaiting(ILogger logger, string checkId, TimeSpan wait);

    [LoggerMessage(EventId = 341, Level = LogLevel.Information, Message = "Receive check {CheckId} cancelled")]
    private static partial void LogCancelled(ILogger logger, string checkId);
}
