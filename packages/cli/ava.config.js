// This workspace's tests alone (npm test here, lerna run test): see ava.workspace.js at the root.
import { workspaceConfig } from '../../ava.workspace.js';

export default workspaceConfig();
