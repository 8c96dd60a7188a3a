namespace FastData.Model.Configuration;

/// <summary>Every child holds (<c>$and</c>, or several keys in one object).</summary>
public sealed record ConditionAnd(IReadOnlyList<ConditionNode> Children) : ConditionNode;
