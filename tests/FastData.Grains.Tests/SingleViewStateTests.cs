using System.Text;
using System.Text.Json.Nodes;
using FastData.Grains.SingleViews;

namespace FastData.Grains.Tests;

public sealed class SingleViewStateTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = Created.AddMinutes(5);

    [Fact]
    public void Set_StampsTheAggregatedFieldsAndKeepsTheirContent()
    {
        var state = new SingleViewState();

        state.Set("""{"ID":1,"items":[{"A":"x"}]}"""u8, Created, Updated);

        var document = state.ToDocument()!;
        Assert.Equal(["ID", "items", SingleViewState.CreatedAtField, SingleViewState.UpdatedAtField], document.Select(p => p.Key));
        Assert.Equal(Created, DateTimeOffset.Parse(document[SingleViewState.CreatedAtField]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(state.HasContent("""{"ID":1,"items":[{"A":"x"}]}"""u8));
        Assert.False(state.HasContent("""{"ID":1,"items":[{"A":"y"}]}"""u8));
        Assert.False(state.HasContent("""{"ID":1}"""u8));
        Assert.False(state.HasContent("""{"ID":1,"items":[{"A":"x"}],"more":2}"""u8));
    }

    [Fact]
    public void Set_EmptyObject_IsStampedWithoutASeparator()
    {
        var state = new SingleViewState();

        state.Set("{}"u8, Created, Updated);

        Assert.Equal(2, state.ToDocument()!.Count);
        Assert.True(state.HasContent("{}"u8));
        Assert.False(state.HasContent("""{"A":1}"""u8));
    }

    [Fact]
    public void Set_NotOneCompactObject_Throws()
    {
        var state = new SingleViewState();

        Assert.Throws<ArgumentException>(() => state.Set("[1]"u8, Created, Updated));
        Assert.Throws<ArgumentException>(() => state.Set("{} "u8, Created, Updated));
        Assert.False(state.Exists);
    }

    [Fact]
    public void HasContent_LoadedFromStorage_ComparesByValueWhateverTheFormatting()
    {
        var state = new SingleViewState();
        state.LoadDocument(JsonNode.Parse("""{"updatedAt":"2026-12-05T08:05:00.0000000+00:00","NAME":"Zo\u00eb","N":1.50,"createdAt":"2026-12-05T08:00:00.0000000+00:00"}""")!.AsObject());

        Assert.Equal(Created, state.CreatedAt);
        Assert.False(state.HasContent("""{"NAME":"Zoë","N":2}"""u8));
        Assert.True(state.HasContent(Encoding.UTF8.GetBytes("""{"NAME":"Zo\u00eb","N":1.5}""")));

        // Equal content adopts the engine's bytes (and the stored timestamps) for the next comparisons.
        Assert.True(state.HasContent(Encoding.UTF8.GetBytes("""{"NAME":"Zo\u00eb","N":1.5}""")));
        Assert.Equal(Updated, state.UpdatedAt);
        Assert.Equal("2026-12-05T08:05:00.0000000+00:00", state.ToDocument()![SingleViewState.UpdatedAtField]!.GetValue<string>());
    }

    [Fact]
    public void Set_DeeperThanTheParsersDefault_ReadsBack()
    {
        var state = new SingleViewState();
        var deep = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 100)) + "1" + string.Concat(Enumerable.Repeat("]", 100)) + "}";

        state.Set(Encoding.UTF8.GetBytes(deep), Created, Updated);
        var stored = new FastData.Grains.Storage.VersionedDocument(state.Utf8, 1);

        Assert.NotNull(state.ToDocument()!["a"]);
        Assert.NotNull(stored.Document["a"]);
        Assert.Contains("\"a\":[[[", FastData.Grains.Abstractions.PublicJson.Write(state.Utf8.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_PutsBackWhatSaveTook()
    {
        var state = new SingleViewState();
        state.Set("""{"A":1}"""u8, Created, Created);
        var saved = state.Save();

        state.Set("""{"A":2}"""u8, Created, Updated);
        state.Restore(saved);

        Assert.True(state.HasContent("""{"A":1}"""u8));
        Assert.Equal(Created, state.UpdatedAt);
        Assert.Equal(1, state.ToDocument()!["A"]!.GetValue<int>());
    }
}
