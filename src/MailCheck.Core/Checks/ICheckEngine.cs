namespace MailCheck.Core.Checks;

/// <summary>Runs one check and streams it as it happens.</summary>
public interface ICheckEngine
{
    /// <summary>
    /// Runs the check described by a request that <see cref="CheckRequestValidator"/> accepted.
    /// The stream always ends with one <see cref="EventKind.Outcome"/> event carrying an <see cref="OutcomeDetail"/>.
    /// Cancelling <paramref name="cancellationToken"/> ends the conversation promptly (QUIT when the connection is
    /// still usable) and the stream still ends with a <see cref="CheckOutcome.Cancelled"/> outcome.
    /// </summary>
    /// <exception cref="CheckValidationException">The request is invalid; nothing was sent.</exception>
    IAsyncEnumerable<CheckEvent> RunAsync(string checkId, CheckRequest request, CancellationToken cancellationToken = default);
}
