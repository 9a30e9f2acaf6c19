export { termMatches, anyTermMatches, podMatchesNodeSelectorAndAffinity, type NodeSelectorRequirement, type NodeSelectorTerm } from '../api/node-selection.js';
