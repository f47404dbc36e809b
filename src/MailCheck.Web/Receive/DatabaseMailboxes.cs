using MailCheck.Core.Receive;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Receive;

/// <summary>
/// The listener's view of the database: each RCPT TO that names a token holds its check for that transaction, for
/// at most a whole connection's time (<see cref="ReceiveOptions.SessionTimeout"/>) and a minute more — long enough for
/// the slowest message MailCheck takes, short enough that a process that died lets go by itself.
/// </summary>
public sealed class DatabaseMailboxes(ReceiveStore store, IOptions<ReceiveOptions> options, TimeProvider time) : IReceiveMailboxes
{
    public Task<MailboxOpening> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var holder = $"{Environment.MachineName}:{Guid.NewGuid():N}";
        var until = time.GetUtcNow() + options.Value.SessionTimeout + TimeSpan.FromMinutes(1);
        return store.OpenAsync(token, holder, until, cancellationToken);
    }
}
