namespace MailCheck.Testing.Scripted;

/// <summary>
/// Wraps a stream and fails a write that matches <see cref="FailWrite"/>, as a dropped connection would; tells
/// <see cref="Disposed"/> (once) when its holder lets the connection go.
/// </summary>
public sealed class FaultyStream(Stream inner) : Stream
{
    private int _disposed;

    /// <summary>Called once, when the stream is disposed (the engine closed its side of the connection).</summary>
    public Action? Disposed { get; init; }

    /// <summary>When it returns true for a write's bytes, the write throws <see cref="IOException"/>.</summary>
    public Func<ReadOnlyMemory<byte>, bool>? FailWrite { get; init; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Check(buffer.AsMemory(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Check(buffer);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Disposed?.Invoke();
            }
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlyMemory<byte> bytes)
    {
        if (FailWrite?.Invoke(bytes) == true)
        {
            inner.Dispose();
            throw new IOException("Unable to write data to the transport connection: Connection reset by peer.");
        }
    }
}
