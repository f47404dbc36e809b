namespace MailCheck.Core.Matrix;

/// <summary>The verdict of one cell of the MX matrix.</summary>
public enum MatrixCellStatus
{
    /// <summary>The step worked (a 2xx reply, a connection, a valid certificate).</summary>
    Pass,

    /// <summary>It worked with a weakness (STARTTLS not offered, a certificate nobody can verify) or was deferred (4xx).</summary>
    Warn,

    /// <summary>It failed (refused, timed out, 5xx, an expired certificate, a failed handshake).</summary>
    Fail,

    /// <summary>An earlier step failed, so this one was not reached.</summary>
    NotReached,

    /// <summary>Not part of this check (MAIL FROM in connect mode, STARTTLS with TLS none or implicit).</summary>
    Skipped,

    /// <summary>MailCheck did not test the target (its safety policy, its connection cap, no route from here).</summary>
    NotTested,

    /// <summary>Not done yet: the check is still running.</summary>
    Pending,
}
