namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>Bounded polling.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? bound = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, bound);
}
