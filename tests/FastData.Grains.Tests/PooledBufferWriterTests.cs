using FastData.Grains.SingleViews;

namespace FastData.Grains.Tests;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Writes_BeyondTheInitialCapacity_KeepEveryByteInOrder()
    {
        using var buffer = new PooledBufferWriter(16);
        var expected = new byte[10_000];
        new Random(7).NextBytes(expected);

        for (var at = 0; at < expected.Length; at += 333)
        {
            var chunk = expected.AsSpan(at, Math.Min(333, expected.Length - at));
            chunk.CopyTo(buffer.GetSpan(chunk.Length));
            buffer.Advance(chunk.Length);
        }

        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Advance_PastWhatWasGiven_Throws()
    {
        using var buffer = new PooledBufferWriter(16);
        var given = buffer.GetSpan(4).Length;

        Assert.Throws<InvalidOperationException>(() => buffer.Advance(given + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PooledBufferWriter(0));
    }

    [Fact]
    public void Disposed_RefusesToWrite()
    {
        var buffer = new PooledBufferWriter(16);
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
        buffer.Dispose();
    }
}
