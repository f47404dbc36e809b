using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>
/// The lines of one incoming connection, and which check they go to. Until a RCPT TO names a check's address the lines
/// are kept here (a bounded number); when one does, everything the connection said so far is handed to that check, and
/// later lines go to it live. A check that was already shown the start of this connection (an earlier transaction that
/// brought no message) gets only what it has not seen.
/// </summary>
internal sealed class SessionTranscript
{
    /// <summary>Most lines kept before a check is known; beyond, they are counted and the check is told how many.</summary>
    public const int MaxBuffered = 300;

    private readonly List<CheckEvent> _connection = [];
    private readonly List<CheckEvent> _transaction = [];
    private readonly Dictionary<string, int> _shown = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _now;
    private int _dropped;
    private bool _inTransaction;
    private string? _transactionCheck;

    public SessionTranscript(Func<DateTimeOffset> now)
    {
        _now = now;
    }

    /// <summary>The check the lines go to now, if any.</summary>
    public RecordingWriter? Writer { get; private set; }

    /// <summary>Records one line or note.</summary>
    public void Emit(CheckEvent draft)
    {
        var e = draft.At == default ? draft with { At = _now() } : draft;
        if (Writer is not null)
        {
            Writer.Post(e);
            return;
        }

        var list = _inTransaction ? _transaction : _connection;
        if (_connection.Count + _transaction.Count >= MaxBuffered)
        {
            _dropped++;
            return;
        }

        list.Add(e);
    }

    /// <summary>MAIL FROM: a new transaction begins; the check of an earlier one no longer gets this connection's lines.</summary>
    public void BeginTransaction()
    {
        Detach();
        _transaction.Clear();
        _transactionCheck = null;
        _inTransaction = true;
    }

    /// <summary>The transaction ended (RSET, a failed one, a message stored): what it said stays part of the connection's story.</summary>
    public void EndTransaction()
    {
        if (_inTransaction && Writer is null)
        {
            _connection.AddRange(_transaction.Take(Math.Max(0, MaxBuffered - _connection.Count)));
            if (_transactionCheck is not null)
            {
                // That check was handed these lines when it was named: it must not get them twice.
                _shown[_transactionCheck] = _connection.Count;
            }
        }

        _transaction.Clear();
        _transactionCheck = null;
        _inTransaction = false;
    }

    /// <summary>A RCPT TO named the check behind <paramref name="writer"/>: it gets the connection so far, then every later line.</summary>
    public void Attach(RecordingWriter writer)
    {
        Writer = writer;
        _transactionCheck = writer.CheckId;
        var from = _shown.GetValueOrDefault(writer.CheckId);
        if (from == 0 && _dropped > 0)
        {
            writer.Post(new CheckEvent
            {
                Seq = 0,
                At = _now(),
                Elapsed = default,
                Direction = EventDirection.Info,
                Kind = EventKind.Receive,
                Text = $"({_dropped} earlier lines of this connection are not shown: MailCheck keeps at most {MaxBuffered} before a RCPT TO names a check.)",
            });
        }

        foreach (var e in _connection.Skip(from))
        {
            writer.Post(e);
        }

        _shown[writer.CheckId] = _connection.Count;
        foreach (var e in _transaction)
        {
            writer.Post(e);
        }
    }

    /// <summary>Lines no longer go to the current check.</summary>
    public void Detach()
    {
        Writer?.SessionDetached();
        Writer = null;
    }
}
