using FastData.Grains.Abstractions;
using FastData.Grains.Reads;

namespace FastData.Grains.Tests;

public sealed class ServedDocumentSlotTests
{
    private const string Key = "customer-360/1";
    private readonly LocalDocumentCache _cache = new();
    private StoredDocument? _current = new("{\"v\":1}", "1");
    private int _builds;

    [Fact]
    public void Acknowledged_NeverRead_SerialisesNothingAndSharesNothing()
    {
        var slot = Slot();

        slot.Acknowledged();
        slot.Acknowledged();

        Assert.Equal(0, _builds);
        Assert.False(_cache.TryGet(Key, out _));
    }

    [Fact]
    public void Read_SerialisesOncePerVersionAndShares()
    {
        var slot = Slot();

        var first = slot.Read();
        var second = slot.Read();

        Assert.Same(first, second);
        Assert.Equal(1, _builds);
        Assert.True(_cache.TryGet(Key, out var shared));
        Assert.Same(first, shared);
    }

    [Fact]
    public void Acknowledged_AfterARead_SharesTheNewVersionAtOnce()
    {
        var slot = Slot();
        slot.Read();

        _current = new StoredDocument("{\"v\":2}", "2");
        slot.Acknowledged();

        Assert.True(_cache.TryGet(Key, out var shared));
        Assert.Equal("2", shared.ETag);
        Assert.Equal(2, _builds);
    }

    [Fact]
    public void Acknowledged_DocumentGone_WithdrawsIt()
    {
        var slot = Slot();
        slot.Read();

        _current = null;
        slot.Acknowledged();

        Assert.False(_cache.TryGet(Key, out _));
        Assert.Null(slot.Read());
    }

    [Fact]
    public void Withdraw_LeavesAnEntryPublishedByALaterActivation()
    {
        var old = Slot();
        old.Read();
        var later = new ServedDocumentSlot(_cache, Key, () => new StoredDocument("{\"v\":3}", "3"));
        later.Read();

        old.Withdraw();

        Assert.True(_cache.TryGet(Key, out var shared));
        Assert.Equal("3", shared.ETag);
        later.Withdraw();
        Assert.False(_cache.TryGet(Key, out _));
    }

    private ServedDocumentSlot Slot() => new(_cache, Key, () =>
    {
        _builds++;
        return _current;
    });
}
