using System.Text.Json.Nodes;

namespace FastData.Grains.Storage;

/// <summary>
/// A parsed JsonObject builds its dictionary lazily on first access, which is not thread-safe. Documents shared
/// between grains are walked once before they are published, so that concurrent readers only ever read.
/// </summary>
internal static class JsonMaterializer
{
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
