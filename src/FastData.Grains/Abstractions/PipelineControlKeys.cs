namespace FastData.Grains.Abstractions;

/// <summary>Where the pipeline control setting is stored: its own collection of the record store, with a name no
/// projection or single view is expected to take (a leading underscore and a product prefix).</summary>
public static class PipelineControlKeys
{
    /// <summary>The record-store collection holding the control document.</summary>
    public const string Collection = "_fastdata-control";
}
