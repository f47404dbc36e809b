namespace MailCheck.Core.Checks;

/// <summary>Thrown when a request that failed validation reaches the engine.</summary>
public sealed class CheckValidationException : Exception
{
    public CheckValidationException()
        : this([])
    {
    }

    public CheckValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public CheckValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public CheckValidationException(IReadOnlyList<FieldError> errors)
        : base("The check request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    public IReadOnlyList<FieldError> Errors { get; }
}
