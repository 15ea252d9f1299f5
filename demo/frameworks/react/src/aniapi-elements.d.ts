// The JSX typings of <aniapi-login> and <aniapi-callback> for React 19.
/// <reference types="aniapi-elements/react" />
