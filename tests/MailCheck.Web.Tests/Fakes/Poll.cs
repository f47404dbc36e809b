namespace MailCheck.Web.Tests.Fakes;

/// <summary>Bounded waiting: tests never wait forever.</summary>
public static class Poll
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Re-evaluates <paramref name="condition"/> until it holds; fails the test after <see cref="Limit"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what) => UntilAsync(condition, what, Limit);

    /// <summary>The same with its own bound, for waits that cover many checks at once.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = new CancellationTokenSource(limit);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Gave up waiting: {what}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Bounded(this Task task) => task.WaitAsync(Limit);
}
