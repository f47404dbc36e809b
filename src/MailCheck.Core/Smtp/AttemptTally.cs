using MailCheck.Core.Checks;

namespace MailCheck.Core.Smtp;

/// <summary>What the failed attempts of one check (or, with scope all, of one target) amount to.</summary>
internal sealed class AttemptTally
{
    private int _bestRank;

    public int Attempts { get; set; }

    public int TimedOut { get; set; }

    public int Blocked { get; set; }

    public string? BlockReason { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// True when the last connection failed at once for want of a route from here (network unreachable, address family
    /// not supported, no local address of that family): e.g. an IPv6 address where MailCheck has no IPv6. Says nothing
    /// about the target.
    /// </summary>
    public bool NoRoute { get; set; }

    /// <summary>The most telling failure of a server that accepted the connection but did not greet.</summary>
    public CheckResult? BestFailover { get; private set; }

    public void Offer(CheckResult result, int rank)
    {
        if (rank > _bestRank)
        {
            _bestRank = rank;
            BestFailover = result;
        }
    }
}
