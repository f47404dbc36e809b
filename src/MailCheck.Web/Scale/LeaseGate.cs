using MailCheck.Core.Checks;

namespace MailCheck.Web.Scale;

/// <summary>
/// The engine's gate before DATA for a check run from the shared queue: yes only while the database confirms that
/// this instance still holds the check (renewing its lease at that moment). A lost lease, or a database that does
/// not answer, means no: the message is not sent.
/// </summary>
internal sealed class LeaseGate(PostgresCheckStore store, string checkId, Func<bool> lost) : ISendGate
{
    public async ValueTask<bool> MaySendAsync(CancellationToken cancellationToken) =>
        !lost() && await store.ConfirmHoldAsync(checkId, cancellationToken);
}
