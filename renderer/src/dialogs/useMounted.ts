// Whether the component is still on screen: a dialog the user closed while main was working must
// not update itself when the answer lands, but must hand a failure on so it is not lost.
import { useEffect, useRef, type RefObject } from 'react';

export function useMounted(): RefObject<boolean> {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
