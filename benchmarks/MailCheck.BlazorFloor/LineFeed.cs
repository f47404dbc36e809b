namespace MailCheck.BlazorFloor;

/// <summary>One line of the feed: its number (the page's <c>data-seq</c>) and its text, which ends with its token ("rN").</summary>
public sealed record FloorLine(int Seq, string Text);

/// <summary>
/// Every open page's source of lines. <see cref="SendAsync"/> hands each line to every subscribed page, which adds it and
/// renders: the same way MailCheck's result page takes an event (a notifier's callback, then a render through its
/// circuit), with nothing else on the page.
/// </summary>
public sealed class LineFeed
{
    public event Action<FloorLine>? Line;

    /// <summary>Sends line 1..<paramref name="count"/> ("250 2.1.5 line i of N ri"), <paramref name="delay"/> apart; token → when it was sent (Unix ms).</summary>
    public async Task<Dictionary<string, double>> SendAsync(int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var token = $"r{i}";
            // Noted before the pages are told: the figure includes the renders and the sends, as the driver's floor does.
            sent[token] = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            Line?.Invoke(new FloorLine(i, $"250 2.1.5 line {i} of {count} {token}"));
        }

        return sent;
    }
}
