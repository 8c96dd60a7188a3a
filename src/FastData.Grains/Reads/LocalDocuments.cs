namespace FastData.Grains.Reads;

/// <summary>The silo's <see cref="LocalDocumentCache"/>s: one for single views, one for projections (their grain keys
/// may coincide, a projection and a single view can share a name).</summary>
public sealed class LocalDocuments
{
    public LocalDocumentCache SingleViews { get; } = new();

    public LocalDocumentCache Projections { get; } = new();
}
