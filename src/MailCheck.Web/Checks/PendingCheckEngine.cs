using System.Runtime.CompilerServices;
using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>Stand-in until the engine lands on main: ends every check at once with an explanation. Temporary.</summary>
internal sealed class PendingCheckEngine(TimeProvider time) : ICheckEngine
{
    public async IAsyncEnumerable<CheckEvent> RunAsync(string checkId, CheckRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return OutcomeEvents.Create(1, time.GetUtcNow(), TimeSpan.Zero, CheckOutcome.Interrupted, "The check engine is not installed in this build.");
    }
}
