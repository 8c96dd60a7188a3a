using System.Collections;

namespace FastData.Samples.Retail;

/// <summary>
/// The sequence <see cref="RetailEventGenerator.Generate"/> returns: each enumeration starts its own simulated
/// database, so enumerating the same sequence twice yields the same records twice.
/// </summary>
internal sealed class RetailEventSequence(RetailGeneratorOptions options) : IEnumerable<CdcRecord>
{
    public IEnumerator<CdcRecord> GetEnumerator() => new RetailEventStream(options).Run().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
