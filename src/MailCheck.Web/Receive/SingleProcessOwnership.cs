namespace MailCheck.Web.Receive;

/// <summary>SQLite: one process, every unfinished check may be appended to.</summary>
public sealed class SingleProcessOwnership : IReceiveCheckOwnership
{
    public Task TakeAsync(string checkId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(string checkId, CancellationToken cancellationToken) => Task.CompletedTask;
}
