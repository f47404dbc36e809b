namespace MailCheck.Core.Scorecard;

/// <summary>The verdict of a scorecard item. Declared from least to most severe.</summary>
public enum ScoreStatus
{
    /// <summary>Worth knowing; neither good nor bad.</summary>
    Info,

    /// <summary>Right, per the RFC.</summary>
    Pass,

    /// <summary>Could not be tested (a DNS failure, a budget used up): never a failure.</summary>
    NotTested,

    /// <summary>Works, but something should change.</summary>
    Warn,

    /// <summary>Wrong: mail is or will be affected.</summary>
    Fail,
}
