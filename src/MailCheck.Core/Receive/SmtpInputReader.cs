namespace MailCheck.Core.Receive;

/// <summary>
/// Reads what an SMTP client sends (RFC 5321): command lines with a bounded length, and the message after DATA up to
/// <c>&lt;CRLF&gt;.&lt;CRLF&gt;</c> with dot-unstuffing (§4.5.2) and a size cap. Memory stays bounded: one buffer and at
/// most the size cap of message. Every read waits at most <c>idleTimeout</c>; the caller's token ends the session.
/// </summary>
/// <remarks>
/// Only <c>&lt;CRLF&gt;.&lt;CRLF&gt;</c> ends a message (RFC 5321 §4.1.1.4): a line ".&lt;LF&gt;", or "." after a
/// line that ended in a bare LF, is message content. Servers that took such sequences as the end let a second message
/// be hidden inside the first ("SMTP smuggling"); MailCheck keeps them as content and counts them for the verdict.
/// </remarks>
internal sealed class SmtpInputReader
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public SmtpInputReader(Stream stream, TimeSpan idleTimeout, TimeProvider time, int bufferSize = 16 * 1024)
    {
        _stream = stream;
        _idleTimeout = idleTimeout;
        _time = time;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Bytes received and not yet read as a line (what a client sent ahead: pipelining, or injection after STARTTLS).</summary>
    public int Buffered => _end - _start;

    /// <summary>Drops whatever is buffered; returns how many bytes that was.</summary>
    public int DiscardBuffered()
    {
        var n = _end - _start;
        _start = _end = 0;
        return n;
    }

    /// <summary>
    /// Reads one line up to LF. A line longer than <paramref name="maxBytes"/> (line ending included) is read to its end
    /// and returned cut, marked <see cref="InputLine.TooLong"/>. Null when the client closed the connection.
    /// </summary>
    /// <exception cref="TimeoutException">Nothing (or not the whole line) arrived within the idle timeout.</exception>
    public async Task<InputLine?> ReadLineAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var kept = new List<byte>(Math.Min(maxBytes, 256));
        var total = 0;
        using var deadline = new CancellationTokenSource(_idleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        while (true)
        {
            if (_start == _end)
            {
                if (!await FillAsync(deadline, linked.Token).ConfigureAwait(false))
                {
                    return kept.Count == 0 ? null : new InputLine(kept.ToArray(), total > maxBytes, BareLineFeed: false, Unterminated: true);
                }
            }

            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = lf >= 0 ? lf + 1 : _end;
            var count = stop - _start;
            var room = Math.Max(0, maxBytes - total);
            if (room > 0)
            {
                kept.AddRange(new ArraySegment<byte>(_buffer, _start, Math.Min(room, count)));
            }

            total += count;
            _start = stop;
            if (lf >= 0)
            {
                var tooLong = total > maxBytes;
                var withoutLf = kept.Count > 0 && kept[^1] == (byte)'\n' ? kept.Count - 1 : kept.Count;
                var bare = !tooLong && (withoutLf == 0 || kept[withoutLf - 1] != (byte)'\r');
                var content = !tooLong && !bare ? withoutLf - 1 : withoutLf;
                return new InputLine(kept.GetRange(0, Math.Max(0, content)).ToArray(), tooLong, bare, Unterminated: false);
            }
        }
    }

    /// <summary>
    /// Reads a message after the 354 reply, up to and including <c>&lt;CRLF&gt;.&lt;CRLF&gt;</c>, unstuffing dots. Up to
    /// <paramref name="maxSize"/> bytes go into <paramref name="message"/>; beyond that the rest is read and dropped (the
    /// caller answers 552). Returns what was seen.
    /// </summary>
    /// <exception cref="TimeoutException">Nothing arrived for the idle timeout while the message was expected.</exception>
    /// <exception cref="EndOfStreamException">The client closed the connection before the final ".".</exception>
    public async Task<DataStatistics> ReadDataAsync(MemoryStream message, long maxSize, CancellationToken cancellationToken)
    {
        var stats = new DataStatistics();
        var atLineStart = true;
        var previousEndedWithCrlf = true;
        var lineLength = 0L;
        var pendingCr = false;
        while (true)
        {
            if (_start == _end)
            {
                using var deadline = new CancellationTokenSource(_idleTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
                if (!await FillAsync(deadline, linked.Token).ConfigureAwait(false))
                {
                    throw new EndOfStreamException("The connection was closed before the final \".\".");
                }
            }

            // At the start of a line, look at the line's first bytes: the end of data, or a stuffed dot.
            if (atLineStart && _buffer[_start] == (byte)'.')
            {
                if (_end - _start < 3 && Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start) < 0)
                {
                    // ".", ".\r": wait for the rest of the line before deciding.
                    Compact();
                    using var deadline = new CancellationTokenSource(_idleTimeout, _time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
                    if (!await FillAsync(deadline, linked.Token).ConfigureAwait(false))
                    {
                        throw new EndOfStreamException("The connection was closed before the final \".\".");
                    }

                    continue;
                }

                var second = _buffer[_start + 1];
                if (second == (byte)'\r' && _end - _start >= 3 && _buffer[_start + 2] == (byte)'\n')
                {
                    if (previousEndedWithCrlf)
                    {
                        _start += 3;
                        return stats;
                    }

                    // "<LF>.<CR><LF>": the end of data only for a server that takes a bare LF as a line ending.
                    stats.SmugglingSequences++;
                }
                else if (second == (byte)'\n')
                {
                    // ".<LF>": a bare-LF "end of data" (the "<LF>.<LF>" of SMTP smuggling). It is content.
                    stats.SmugglingSequences++;
                }

                // A dot-stuffed line: the first dot is not part of the message (RFC 5321 §4.5.2). A lone "." that is not
                // the end stays content.
                if (second != (byte)'\r' && second != (byte)'\n')
                {
                    _start++;
                    stats.StuffedDots++;
                }
            }

            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = lf >= 0 ? lf + 1 : _end;
            var count = stop - _start;
            Write(message, maxSize, stats, _buffer.AsSpan(_start, count));
            lineLength += count;
            if (lf >= 0)
            {
                var crlf = lf > _start ? _buffer[lf - 1] == (byte)'\r' : pendingCr;
                if (!crlf)
                {
                    stats.BareLineFeeds++;
                }

                if (lineLength > 1000)
                {
                    stats.LongLines++;
                }

                stats.Lines++;
                previousEndedWithCrlf = crlf;
                atLineStart = true;
                lineLength = 0;
                pendingCr = false;
            }
            else
            {
                pendingCr = count > 0 && _buffer[stop - 1] == (byte)'\r';
                atLineStart = false;
            }

            _start = stop;
        }
    }

    private static void Write(MemoryStream message, long maxSize, DataStatistics stats, ReadOnlySpan<byte> bytes)
    {
        stats.Size += bytes.Length;
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                stats.EightBit = true;
                break;
            }
        }

        if (stats.Size <= maxSize)
        {
            message.Write(bytes);
        }
        else
        {
            stats.TooBig = true;
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
    }

    private async Task<bool> FillAsync(CancellationTokenSource deadline, CancellationToken token)
    {
        Compact();
        if (_end == _buffer.Length)
        {
            // Full of one unfinished piece: the callers consume before asking for more, so this cannot happen.
            throw new InvalidOperationException("The input buffer is full.");
        }

        try
        {
            var n = await _stream.ReadAsync(_buffer.AsMemory(_end), token).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            _end += n;
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException("Nothing arrived in time.");
        }
    }
}
