using System.Text.Json.Nodes;

namespace FastData.Model;

/// <summary>
/// A JsonObject or JsonArray parsed from text builds its children lazily on first access, which is not
/// thread-safe. Records shared between readers are walked once with <see cref="Materialize"/> before they are
/// published, so that concurrent readers only ever read.
/// </summary>
public static class JsonMaterializer
{
    /// <summary>Forces every nested container of <paramref name="node"/> to build its children now.</summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
