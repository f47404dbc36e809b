using System.Net;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// <c>check_host()</c> of RFC 7208 §4: whether <c>ip</c> may send mail as <c>domain</c>. Every query goes through the
/// check's <see cref="CheckDns"/> (purpose "spf"), so it is budgeted, cached and shown like every other query.
/// Thread-safe: each call is its own evaluation.
/// </summary>
public sealed class SpfEvaluator
{
    private readonly TimeProvider _timeProvider;

    public SpfEvaluator(SpfEvaluatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new SpfEvaluatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxVoidLookups);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.Timeout, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrWhiteSpace(Options.ReceiverName);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public SpfEvaluatorOptions Options { get; }

    /// <summary>
    /// Evaluates <paramref name="domain"/>'s SPF policy for mail from <paramref name="ip"/>.
    /// </summary>
    /// <param name="dns">The check's DNS.</param>
    /// <param name="ip">The SMTP client's address (an IPv4-mapped IPv6 address counts as IPv4, RFC 7208 §5).</param>
    /// <param name="domain">The domain to check: the MAIL FROM domain, or the HELO name for a HELO check (RFC 7208 §2.3, §2.4).</param>
    /// <param name="sender">
    /// The MAIL FROM address (or the HELO name for a HELO check); without a local-part "postmaster" is used, and an
    /// empty sender means <c>postmaster@domain</c> (RFC 7208 §4.3, §2.4).
    /// </param>
    /// <param name="heloName">The HELO/EHLO name the client sent (the <c>h</c> macro).</param>
    /// <param name="cancellationToken">Stops the evaluation (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The result; never throws for DNS failures or bad records (they are temperror and permerror).</returns>
    public async Task<SpfCheckResult> CheckHostAsync(CheckDns dns, IPAddress ip, string domain, string sender, string heloName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(heloName);

        using var timeout = new CancellationTokenSource(Options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var evaluation = new SpfEvaluation(dns, Options, ip, domain, sender, heloName, _timeProvider.GetUtcNow());
        try
        {
            return await evaluation.RunAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return evaluation.TimedOut();
        }
    }
}
