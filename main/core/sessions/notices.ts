import type { NoticeView } from '../../../common/contract';

/** Things the user should know about a session they got, shown by every front end: the contract's shape. */
export type Notice = NoticeView;
