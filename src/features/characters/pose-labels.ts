import type { Pose } from '../../../contract/constants';
import { messages } from '../../lib/aurous/messages';

/** Each pose's name, shared with every feature through the API dictionary. */
export const POSE_LABEL: Record<Pose, string> = messages.poseName;
