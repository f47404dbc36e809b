namespace MailCheck.Core.Receive;

/// <summary>What reading a received message showed, as stored with it.</summary>
public sealed record ReceivedDataFacts(long Size, int Lines, int BareLineFeeds, int LongLines, int SmugglingSequences, bool EightBit)
{
    public static ReceivedDataFacts From(DataStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new ReceivedDataFacts(stats.Size, stats.Lines, stats.BareLineFeeds, stats.LongLines, stats.SmugglingSequences, stats.EightBit);
    }
}
