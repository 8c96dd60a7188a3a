namespace FastData.Model.Strategies;

/// <summary>A single-view document's identity: the single view and its canonical key.</summary>
/// <param name="SingleViewName">The single view.</param>
/// <param name="Key">The canonical key (see <see cref="Keys.RecordKey"/>).</param>
public readonly record struct SingleViewKey(string SingleViewName, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{SingleViewName}/{Key}";
}
